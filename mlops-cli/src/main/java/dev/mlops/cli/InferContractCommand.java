package dev.mlops.cli;

import dev.mlops.data.validate.Contract;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlops infer-contract FILE}: the contract a reference file implies (types, ranges, categories, missing). */
@Command(name = "infer-contract", mixinStandardHelpOptions = true,
        description = "Infer a data contract (types, ranges, allowed categories, completeness) from a reference file;"
                + " edit it, then check new files with 'mlops validate'.")
final class InferContractCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "the reference data file")
    Path file;

    @Option(names = "--out", paramLabel = "CONTRACT", description = "write the contract here instead of stdout")
    Path out;

    @Option(names = "--json", description = "(the contract is always JSON; accepted for symmetry)")
    boolean json;

    @Override
    public Integer call() {
        Contract contract = Contract.inferFrom(Inputs.frame(file));
        PrintWriter w = spec.commandLine().getOut();
        if (out == null) {
            Inputs.jsonText(w, contract.toJson());
        } else {
            Inputs.write(out, contract.toJson());
            w.println("Inferred " + contract.constraints().size() + " constraints from " + file + "; written to " + out);
        }
        return 0;
    }
}
