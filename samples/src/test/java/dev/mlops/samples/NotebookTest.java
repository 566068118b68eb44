package dev.mlops.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.api.Json;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.Test;

/**
 * Runs every code cell of the sample notebook through JShell (what a Java kernel such as IJava does), so the notebook
 * cannot drift from the API. Kernel magics ({@code %maven}) are dropped: the test class path already has the SDK.
 */
class NotebookTest {

    private static final Path NOTEBOOK = Path.of("notebooks", "credit-pipeline.ipynb");

    @Test
    void creditNotebook_everyCellRunsAndTheLastShowsTheEvaluation() throws IOException {
        List<String> cells = codeCells();
        assertTrue(cells.size() >= 8, "the notebook has its cells");
        String last = null;
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            for (String entry : classPath()) {
                shell.addToClasspath(entry);
            }
            for (String cell : cells) {
                String source = cell.replace("Path.of(\"..\", \"src\", \"main\", \"resources\", \"datasets\")",
                        "Path.of(\"" + Path.of("src", "main", "resources", "datasets").toAbsolutePath()
                                .toString().replace("\\", "\\\\") + "\")");
                last = run(shell, source);
            }
        }
        assertTrue(last != null && last.contains("accuracy"), "the evaluation summary is shown: " + last);
    }

    /** Evaluates a cell snippet by snippet and returns the value of its last expression, failing on any error. */
    private static String run(JShell shell, String cell) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String remaining = cell;
        String value = null;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            String snippet = info.source() == null ? remaining : info.source();
            for (SnippetEvent e : shell.eval(snippet)) {
                if (e.exception() != null) {
                    fail("Notebook cell threw " + e.exception() + " at:\n" + snippet, e.exception());
                }
                if (e.status() == Snippet.Status.REJECTED) {
                    StringBuilder why = new StringBuilder();
                    shell.diagnostics(e.snippet()).forEach(d -> why.append(d.getMessage(null)).append('\n'));
                    fail("Notebook cell does not compile:\n" + snippet + "\n" + why);
                }
                if (e.value() != null) {
                    value = e.value();
                }
            }
            remaining = info.remaining();
        }
        return value;
    }

    private static List<String> codeCells() throws IOException {
        JsonNode notebook = Json.mapper().readTree(Files.readString(NOTEBOOK));
        assertEquals(4, notebook.get("nbformat").asInt());
        List<String> cells = new ArrayList<>();
        for (JsonNode cell : notebook.get("cells")) {
            if (!cell.get("cell_type").asText().equals("code")) {
                continue;
            }
            StringBuilder source = new StringBuilder();
            for (JsonNode line : cell.get("source")) {
                if (!line.asText().startsWith("%")) {
                    source.append(line.asText());
                }
            }
            cells.add(source.toString());
        }
        return cells;
    }

    private static List<String> classPath() {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return List.of(path.split(File.pathSeparator));
    }
}
