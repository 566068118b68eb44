package dev.mlops.cli;

import dev.mlops.data.validate.Contract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlops infer-contract FILE [--out C]}. */
@Command(name = "infer-contract", mixinStandardHelpOptions = true,
        description = "Infer a data contract (types, ranges, categories) from a reference file.")
final class InferContractCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "the reference data file (.csv or .jsonl)")
    Path file;

    @Option(names = "--out", paramLabel = "CONTRACT", description = "write the contract JSON here (default: stdout)")
    Path out;

    @Override
    public Integer call() {
        Contract contract = Contract.inferFrom(DataFiles.read(file));
        if (out == null) {
            spec.commandLine().getOut().println(contract.toJson());
        } else {
            try {
                Files.writeString(out, contract.toJson());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
            }
            spec.commandLine().getOut().println("wrote " + contract.constraints().size() + " constraints to " + out);
        }
        return Mlops.OK;
    }
}
