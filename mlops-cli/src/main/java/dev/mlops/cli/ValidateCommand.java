package dev.mlops.cli;

import dev.mlops.api.Frame;
import dev.mlops.data.validate.Contract;
import dev.mlops.data.validate.ValidationReport;
import dev.mlops.data.validate.Validator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlops validate FILE --contract C}: exit 1 when an error-level check fails. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a data file against a contract (from 'mlops infer-contract' or written by hand). Exits 1"
                + " when a check at error level fails.")
final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "the data file to check")
    Path file;

    @Option(names = "--contract", required = true, paramLabel = "CONTRACT", description = "the contract (JSON)")
    Path contract;

    @Option(names = "--json", description = "print the validation report as JSON")
    boolean json;

    @Override
    public Integer call() {
        Contract c;
        try {
            c = Contract.fromJson(Inputs.text(contract, "contract"));
        } catch (RuntimeException e) {
            if (e instanceof BadInputException) {
                throw e;
            }
            throw new BadInputException("The contract " + contract + " is not a contract: " + e.getMessage());
        }
        Frame frame = Inputs.frame(file);
        ValidationReport report = Validator.of(c).validate(frame, file.toString());
        PrintWriter w = spec.commandLine().getOut();
        if (json) {
            Inputs.jsonText(w, report.toJson());
        } else {
            w.println(report.summary());
        }
        return report.passed() ? 0 : Mlops.FAILED;
    }
}
