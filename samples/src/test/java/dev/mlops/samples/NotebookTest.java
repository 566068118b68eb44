package dev.mlops.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Executes every notebook under {@code samples/notebooks/} in real Jupyter (nbclient) with the rapaio Java kernel,
 * headless, and checks that the committed outputs are what a fresh run produces (docs/decisions/130). Skips with a
 * message when Jupyter is absent; under {@code CI=true} it must run. {@code -Dnotebooks.write=true} refreshes the
 * committed outputs instead of checking them.
 */
class NotebookTest {

    static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path NOTEBOOKS = Path.of("notebooks");
    private static final Path SCRIPT = Path.of("src", "test", "notebooks", "execute_notebooks.py");
    private static final Path KERNEL_JAR = Path.of("target", "jupyter", "rapaio-jupyter-kernel.jar");
    private static final Path OUT = Path.of("target", "notebooks");

    @Test
    void everyNotebook_runsInJupyterWithTheJavaKernel_andItsCommittedOutputsAreCurrent()
            throws IOException, InterruptedException {
        requireJupyter();
        assertTrue(Files.isRegularFile(KERNEL_JAR), "the build copies the kernel jar to " + KERNEL_JAR);
        List<String> notebooks;
        try (Stream<Path> files = Files.list(NOTEBOOKS)) {
            notebooks = files.filter(p -> p.toString().endsWith(".ipynb")).map(Path::toString).sorted().toList();
        }
        assertTrue(notebooks.size() >= 3, "one notebook per user journey: " + notebooks);
        Files.createDirectories(OUT);
        Path classPath = OUT.resolve("kernel-class-path.txt");
        Files.write(classPath, Arrays.stream(System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path")).split(File.pathSeparator))
                .map(p -> Path.of(p).toAbsolutePath().toString()).toList());
        List<String> command = new java.util.ArrayList<>(List.of(PYTHON.toString(), SCRIPT.toString(),
                "--java", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--kernel-jar", KERNEL_JAR.toString(), "--class-path-file", classPath.toString(),
                "--out", OUT.toString(), Boolean.getBoolean("notebooks.write") ? "--write" : "--check"));
        command.addAll(notebooks);
        Path log = OUT.resolve("execute.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = process.waitFor(10, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(finished, "the notebooks did not finish in 10 minutes:\n" + output);
        assertEquals(0, process.exitValue(), "executing the notebooks failed (executed copies and kernel logs in "
                + OUT.toAbsolutePath() + "):\n" + output);
    }

    /** Skips when Jupyter's Python client is absent, unless {@code CI=true}, where it must be installed. */
    static void requireJupyter() throws IOException, InterruptedException {
        boolean present = Files.isExecutable(PYTHON) && new ProcessBuilder(PYTHON.toString(), "-c",
                "import nbclient, nbformat, ipykernel").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        String install = "apt-get install -y jupyter-nbconvert python3-nbclient python3-ipykernel";
        if (!"true".equals(System.getenv("CI"))) {
            Assumptions.assumeTrue(present, "Notebook test skipped: Jupyter is absent (" + install
                    + " to run it; .ci/run does this with CI=true)");
        }
        assertTrue(present, "CI=true but /usr/bin/python3 cannot import nbclient: the CI script must " + install);
    }
}
