package dev.mlops.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.Frame;
import dev.mlops.data.validate.Contract;
import dev.mlops.data.validate.Quarantine;
import dev.mlops.data.validate.Validator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlops validate FILE --contract C}: exit 1 when an error-level check fails. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a data file against a contract; exit 1 when a check fails.")
final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "the data file (.csv or .jsonl)")
    Path file;

    @Option(names = "--contract", required = true, paramLabel = "CONTRACT",
            description = "the contract JSON (as 'mlops infer-contract' writes it)")
    Path contractFile;

    @Option(names = "--json", description = "print the report as JSON")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(contractFile)) {
            throw new BadInputException("no such contract file: " + contractFile.toAbsolutePath()
                    + " (write one with 'mlops infer-contract FILE --out " + contractFile + "')");
        }
        Contract contract;
        try {
            contract = Contract.fromJson(Files.readString(contractFile));
        } catch (RuntimeException e) {
            throw new BadInputException("cannot read the contract " + contractFile + ": " + e.getMessage());
        }
        Frame frame = DataFiles.read(file);
        Quarantine q = Validator.of(contract).quarantine(frame);
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode node = mapper.createObjectNode();
            node.put("passed", q.report().passed());
            node.put("rows", frame.rowCount());
            node.put("validRows", q.valid().rowCount());
            node.put("quarantinedRows", q.invalid().rowCount());
            node.set("report", mapper.readTree(q.report().toJson()));
            spec.commandLine().getOut().println(mapper.writeValueAsString(node));
        } else {
            spec.commandLine().getOut().println(q.report().toText());
            spec.commandLine().getOut().println("rows: " + frame.rowCount() + ", valid: " + q.valid().rowCount()
                    + ", quarantined: " + q.invalid().rowCount());
        }
        return q.report().passed() ? Mlops.OK : Mlops.FAILED_CHECKS;
    }
}
