package example;

import dev.mlops.cli.Mlops;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs the mlops command line in-process on the bundled credit data: infer a contract, validate, a bad label. */
public final class Pipeline {
    public static void main(String[] args) throws Exception {
        Path credit = Path.of(args[0], "samples/src/main/resources/datasets/credit-g.csv");
        Path contract = Path.of(args[1], "credit-contract.json");
        int infer = Mlops.commandLine().execute("infer-contract", credit.toString(), "--out", contract.toString());
        int validate = Mlops.commandLine().execute("validate", credit.toString(), "--contract", contract.toString());
        int badLabel = Mlops.commandLine().execute("rank", credit.toString(), "--label", "no-such-column");
        if (infer != 0 || validate != 0 || badLabel != 2 || !Files.isRegularFile(contract)) {
            throw new AssertionError("expected exit codes 0, 0, 2 and a contract file, got " + infer + ", " + validate
                    + ", " + badLabel);
        }
        System.out.println("mlops-cli consumer: contract inferred and validated, a bad label rejected");
    }
}
