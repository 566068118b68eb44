package dev.mlops.serve;

import java.util.Map;

/** Child process of {@link LongClassPathTest}: loads the test model, serves one prediction, exits 0 on success. */
public final class ServeOnce {
    private ServeOnce() {
    }

    /** Prints the predicted label; exits 1 when the prediction is wrong. */
    public static void main(String[] args) {
        try (ModelServer server = ModelServer.newBuilder().artifact(TestModels.logreg("child")).build()) {
            Prediction p = server.predict(Map.of("x1", 2.0, "x2", 0.0));
            System.out.println("label=" + p.label().orElse("?") + " provider=" + server.info().provider());
            if (!p.label().orElse("").equals("good")) {
                System.exit(1);
            }
        }
    }
}
