package dev.mlops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs each command as a user would, with captured stdout and stderr, on the bundled credit data. */
class MlopsCommandTest {

    static final Path CREDIT = Path.of("../samples/src/main/resources/datasets/credit-g.csv");
    static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path tmp;

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        CommandLine cl = Mlops.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void profileJsonCountsEveryRow() throws Exception {
        Result r = run("profile", CREDIT.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode json = MAPPER.readTree(r.out());
        assertEquals(1000, json.get("rowCount").asLong(), r.out());
    }

    @Test
    void inferThenValidatePassesOnTheSameData() throws Exception {
        Path contract = tmp.resolve("contract.json");
        Result infer = run("infer-contract", CREDIT.toString(), "--out", contract.toString());
        assertEquals(0, infer.code(), infer.err());
        assertTrue(Files.size(contract) > 0);
        Result v = run("validate", CREDIT.toString(), "--contract", contract.toString(), "--json");
        assertEquals(0, v.code(), v.err() + v.out());
        JsonNode json = MAPPER.readTree(v.out());
        assertTrue(json.get("passed").asBoolean());
        assertEquals(1000, json.get("validRows").asInt());
        assertEquals(0, json.get("quarantinedRows").asInt());
    }

    @Test
    void validateFailsWithExitOneAndQuarantinesTheOffendingRows() throws Exception {
        Path contract = tmp.resolve("contract.json");
        assertEquals(0, run("infer-contract", CREDIT.toString(), "--out", contract.toString()).code());
        List<String> lines = Files.readAllLines(CREDIT);
        Path bad = tmp.resolve("bad.csv");
        int age = List.of(lines.get(0).split(",")).indexOf("age");
        assertTrue(age >= 0, lines.get(0));
        String[] row = lines.get(1).split(",", -1);
        row[age] = "-500";
        Files.write(bad, List.of(lines.get(0), String.join(",", row), lines.get(2)));
        Result v = run("validate", bad.toString(), "--contract", contract.toString(), "--json");
        assertEquals(1, v.code(), v.err() + v.out());
        JsonNode json = MAPPER.readTree(v.out());
        assertEquals(1, json.get("quarantinedRows").asInt(), v.out());
        assertEquals(1, json.get("validRows").asInt(), v.out());
    }

    @Test
    void rankPutsEveryFeatureButTheLabel() throws Exception {
        Result r = run("rank", CREDIT.toString(), "--label", "class", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode json = MAPPER.readTree(r.out());
        assertEquals("class", json.get("label").asText());
        assertTrue(r.out().contains("checking_status"), r.out());
    }

    @Test
    void driftOfTheDataAgainstItselfIsNone() throws Exception {
        Path html = tmp.resolve("drift.html");
        Result r = run("drift", CREDIT.toString(), CREDIT.toString(), "--json", "--html", html.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(!MAPPER.readTree(r.out()).get("drifted").asBoolean());
        assertTrue(Files.readString(html).contains("<html"), "an HTML page");
    }

    @Test
    void badInputExitsTwoNamingTheThingToFix() {
        Result missing = run("profile", "no-such.csv");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("no-such.csv"), missing.err());

        Result column = run("rank", CREDIT.toString(), "--label", "klass");
        assertEquals(2, column.code());
        assertTrue(column.err().contains("klass") && column.err().contains("class"), column.err());

        Result option = run("rank", CREDIT.toString(), "--label", "class", "--jsn");
        assertEquals(2, option.code());
        assertTrue(option.err().contains("--jsn"), option.err());

        Result repo = run("models", "list", "--repo", tmp.resolve("none").toString());
        assertEquals(2, repo.code());
        assertTrue(repo.err().contains("none"), repo.err());
    }

    @Test
    void helpListsTheCommands() {
        Result r = run("--help");
        assertEquals(0, r.code());
        for (String c : List.of("profile", "validate", "infer-contract", "rank", "drift", "models")) {
            assertTrue(r.out().contains(c), r.out());
        }
    }
}
