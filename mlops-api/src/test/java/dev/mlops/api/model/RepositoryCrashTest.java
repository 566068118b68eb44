package dev.mlops.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A writer killed with SIGKILL at random points leaves every completed version loadable and no partial one. */
class RepositoryCrashTest {
    private static final int KILLS = 10;
    @TempDir
    Path root;

    @Test
    void register_killedAtRandomPoints_leavesOnlyCompleteVersions() throws Exception {
        Random random = new Random(20261127);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Set<Integer> reported = ConcurrentHashMap.newKeySet();
        int killedMidWrite = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            Process child = new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp",
                    dev.mlops.api.ChildJvm.classPath(), RegisterLoop.class.getName(), root.toString(), "m",
                    Integer.toString(kill * 1000))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            CountDownLatch ready = new CountDownLatch(1);
            CountDownLatch registered = new CountDownLatch(1);
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        if (line.equals("ready")) {
                            ready.countDown();
                        } else if (line.startsWith("registered ")) {
                            reported.add(Integer.parseInt(line.substring(11)));
                            registered.countDown();
                        }
                    }
                } catch (Exception e) {
                    // the stream closes when the child is killed
                }
            });
            reader.start();
            assertTrue(ready.await(30, TimeUnit.SECONDS), "child JVM did not start");
            if (kill % 2 == 1) {
                // Half the kills come after at least one completed version, however slow the machine is.
                assertTrue(registered.await(30, TimeUnit.SECONDS), "child JVM registered nothing");
            }
            // The kill moment is random on purpose (inside a write or between two); what the test must wait for,
            // the child being up and having registered, has the latches above. Waiting on the child itself rather
            // than sleeping also catches a child that exited by itself, which would make the kill test nothing.
            assertFalse(child.waitFor(random.nextInt(400), TimeUnit.MILLISECONDS),
                    () -> "the child JVM exited by itself before the kill, with status " + child.exitValue());
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
            reader.join(10_000);

            try (Stream<Path> left = Files.exists(root.resolve("m")) ? Files.list(root.resolve("m")) : Stream.empty()) {
                if (left.anyMatch(p -> p.getFileName().toString().startsWith(".staging-"))) {
                    killedMidWrite++;
                }
            }
            ModelRepository repo = ModelRepository.onFileSystem(root);
            List<Integer> listed = repo.versions("m").stream().map(ModelVersion::version).toList();
            // Every version reported complete is there, versions have no gaps, and every one loads.
            assertTrue(listed.containsAll(reported), "reported " + reported + " but listed " + listed);
            assertEquals(IntStream.rangeClosed(1, listed.size()).boxed().toList(), listed);
            for (int v : listed) {
                repo.load("m@" + v);
            }
        }
        // A later writer cleans what the dead ones left and continues the numbering.
        ModelRepository repo = ModelRepository.onFileSystem(root);
        int before = repo.versions("m").size();
        assertEquals(before + 1, repo.register("m", TestArtifacts.artifact(1, 10)).version());
        try (Stream<Path> left = Files.list(root.resolve("m"))) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith(".staging-")));
        }
        assertTrue(before > 0, "the children never completed a registration");
        System.out.println("RepositoryCrashTest: " + KILLS + " kills, " + killedMidWrite + " in the middle of a write, "
                + before + " versions completed");
    }
}
