package dev.mlops.consumers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's "Using it" setup is, word for word, what the consumer projects under {@code src/it} build with (the
 * invoker run proves that those build and run), so the README cannot drift from a setup that works.
 */
class ReadmeSetupTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Path CONSUMERS = Path.of("src", "it");
    private static final Path BOM = Path.of("..", "mlops-bom", "pom.xml");

    @Test
    void readmeSetup_isTheTrainConsumersDependencySectionWithThisVersion() throws IOException {
        String readme = readmeSetup();
        String consumer = dependencySection(CONSUMERS.resolve("mlops-train/pom.xml"))
                .replace("@project.version@", System.getProperty("project.version"));
        assertEquals(readme, consumer, "README.md's 'Using it' XML must be consumer-tests/src/it/mlops-train/pom.xml's "
                + "dependencyManagement and dependencies (with the version filled in)");
    }

    @Test
    void everyPublishedModule_hasAConsumerSetUpTheSameWay() throws IOException {
        String train = dependencySection(CONSUMERS.resolve("mlops-train/pom.xml"));
        List<String> published = publishedModules();
        assertTrue(published.contains("mlops-train") && published.contains("mlops-serve"), "the BOM pins " + published);
        for (String module : published) {
            Path pom = CONSUMERS.resolve(module).resolve("pom.xml");
            assertTrue(Files.exists(pom), "a consumer project for " + module + " at " + pom);
            if (module.equals("mlops-test")) {
                continue; // taken with test scope beside the modules it checks: its own README section, tested below
            }
            String section = dependencySection(pom);
            if (module.equals("mlops-spark")) {
                // Spark is provided: the job brings its own, pinned by the BOM (docs/decisions/170)
                section = section.replaceFirst("(?s)  <dependency>\\s*<!--[^>]*-->\\s*<groupId>org\\.apache\\.spark</groupId>"
                        + ".*?</dependency>\n", "");
            }
            assertEquals(train.replace("<artifactId>mlops-train</artifactId>", "<artifactId>" + module + "</artifactId>"),
                    section, pom + " imports the BOM and names only " + module);
        }
    }

    @Test
    void everyPublishedModule_isStagedForTheConsumers() throws IOException {
        String staged = Files.readString(Path.of("pom.xml")).split("<dependencies>", 2)[1].split("</dependencies>", 2)[0];
        for (String module : publishedModules()) {
            assertTrue(staged.contains("<artifactId>" + module + "</artifactId>"), "consumer-tests/pom.xml must depend "
                    + "on " + module + ", or invoker:install does not stage it and its consumer project cannot resolve it");
        }
    }

    /** Every module the BOM pins: each one a user can add, so each one needs a consumer project. */
    private static List<String> publishedModules() throws IOException {
        Matcher m = Pattern.compile("<groupId>dev\\.mlops</groupId>\\s*<artifactId>(mlops-[a-z-]+)</artifactId>")
                .matcher(Files.readString(BOM).split("<dependencyManagement>", 2)[1]);
        List<String> modules = new ArrayList<>();
        while (m.find()) {
            modules.add(m.group(1));
        }
        return modules;
    }

    @Test
    void readmeTestingSection_isTheTestKitConsumersSetupAndTest() throws IOException {
        Path consumer = CONSUMERS.resolve("mlops-test");
        assertEquals(readmeBlock("## Testing your pipeline", "xml"), dependencySection(consumer.resolve("pom.xml"))
                .replace("@project.version@", System.getProperty("project.version")),
                "README.md's 'Testing your pipeline' XML must be consumer-tests/src/it/mlops-test/pom.xml's "
                        + "dependencyManagement and dependencies (with the version filled in)");
        assertEquals(readmeBlock("## Testing your pipeline", "java"),
                Files.readString(consumer.resolve("src/test/java/example/CreditModelTest.java")),
                "README.md's 'Testing your pipeline' example must be the test the mlops-test consumer runs");
    }

    /** The first XML block after the README's "## Using it" heading, without its indentation. */
    private static String readmeSetup() throws IOException {
        return readmeBlock("## Using it", "xml");
    }

    /** The first block of a language after a README heading, without its indentation. */
    private static String readmeBlock(String heading, String language) throws IOException {
        String text = Files.readString(README);
        int section = text.indexOf(heading + "\n");
        assertTrue(section >= 0, "README.md has a '" + heading + "' section");
        Matcher m = Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL).matcher(text);
        assertTrue(m.find(section), "the '" + heading + "' section has a " + language + " block");
        return unindent(m.group(1));
    }

    /** A pom's {@code <dependencyManagement>} and {@code <dependencies>} elements, without their indentation. */
    private static String dependencySection(Path pom) throws IOException {
        String text = Files.readString(pom);
        int from = text.indexOf("  <dependencyManagement>");
        int to = text.indexOf("  </dependencies>", text.indexOf("  </dependencyManagement>"));
        assertTrue(from >= 0 && to > from, pom + " has a dependencyManagement followed by dependencies");
        return unindent(text.substring(from, text.indexOf('\n', to) + 1));
    }

    private static String unindent(String block) {
        List<String> lines = block.lines().collect(Collectors.toList());
        int indent = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
                .min().orElse(0);
        try (Stream<String> s = lines.stream()) {
            return s.map(l -> l.isBlank() ? "" : l.substring(indent)).collect(Collectors.joining("\n", "", "\n"));
        }
    }
}
