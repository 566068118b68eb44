package dev.mlops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the built {@code target/mlops/bin/mlops} as a process on the bundled credit data. Runs in the package phase,
 * after the assembly (see the module's pom).
 */
class ExecutableTest {

    static final Path CREDIT = Path.of("../samples/src/main/resources/datasets/credit-g.csv").toAbsolutePath();

    @TempDir
    Path tmp;

    record Result(int code, String out, String err) {
    }

    Result mlops(String... args) throws IOException, InterruptedException {
        // Set only by the pom's package-phase execution; a -Dtest run in the test phase has no executable yet.
        String mlopsHome = System.getProperty("mlops.home");
        assumeTrue(mlopsHome != null, "runs in the package phase, after the assembly");
        Path home = Path.of(mlopsHome);
        Path bin = home.resolve("bin/mlops");
        assertTrue(Files.isExecutable(bin), "the build made an executable " + bin.toAbsolutePath());
        List<String> command = new ArrayList<>(List.of("sh", bin.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("MLOPS_JAVA_OPTS", "-Xmx512m");
        Path out = tmp.resolve("stdout.txt");
        Path err = tmp.resolve("stderr.txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "mlops " + String.join(" ", args) + " finished");
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void theBuiltExecutableProfilesInfersValidatesAndRejectsBadInput() throws Exception {
        Result profile = mlops("profile", CREDIT.toString(), "--json");
        assertEquals(0, profile.code(), profile.err());
        JsonNode json = new ObjectMapper().readTree(profile.out());
        assertEquals(1000, json.get("rowCount").asLong());

        Path contract = tmp.resolve("credit-contract.json");
        Result infer = mlops("infer-contract", CREDIT.toString(), "--out", contract.toString());
        assertEquals(0, infer.code(), infer.err());
        assertTrue(Files.readString(contract).contains("\"constraints\""), "a contract was written");

        Result validate = mlops("validate", CREDIT.toString(), "--contract", contract.toString(), "--json");
        assertEquals(0, validate.code(), validate.err());
        assertTrue(new ObjectMapper().readTree(validate.out()).get("results").size() > 20, "every check reported");

        Result missing = mlops("validate", "nope.csv", "--contract", contract.toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("nope.csv"), missing.err());
    }
}
