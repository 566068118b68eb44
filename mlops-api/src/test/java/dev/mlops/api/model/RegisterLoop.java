package dev.mlops.api.model;

import java.nio.file.Path;

/** Child process of {@link RepositoryCrashTest}: registers versions until it is killed, reporting each one done. */
public final class RegisterLoop {
    private RegisterLoop() {
    }

    /** Arguments: repository root, model name, first seed. */
    public static void main(String[] args) {
        ModelRepository repo = ModelRepository.onFileSystem(Path.of(args[0]));
        long seed = Long.parseLong(args[2]);
        System.out.println("ready");
        System.out.flush();
        for (long i = seed; ; i++) {
            ModelVersion v = repo.register(args[1], TestArtifacts.artifact(i, 256 * 1024));
            System.out.println("registered " + v.version());
            System.out.flush();
        }
    }
}
