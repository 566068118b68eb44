package dev.mlops.api.tracking;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The no-op tracker behind {@link RunTracker#disabled()}. */
final class DisabledRunTracker implements RunTracker {
    static final DisabledRunTracker INSTANCE = new DisabledRunTracker();

    private DisabledRunTracker() {
    }

    @Override
    public Run start(String experiment, String name) {
        return new NoRun();
    }

    @Override
    public Optional<RunRecord> find(String runId) {
        return Optional.empty();
    }

    @Override
    public List<RunRecord> search(RunQuery query) {
        return List.of();
    }

    @Override
    public void close() {
        // nothing is held
    }

    private static final class NoRun implements Run {
        private final String id = UUID.randomUUID().toString();

        @Override
        public String id() {
            return id;
        }

        @Override
        public Run logParam(String key, String value) {
            return this;
        }

        @Override
        public Run logMetric(String key, double value, long step) {
            return this;
        }

        @Override
        public Run setTag(String key, String value) {
            return this;
        }

        @Override
        public Run logArtifact(String name, String uri) {
            return this;
        }

        @Override
        public Run logDataFingerprint(String role, String fingerprint) {
            return this;
        }

        @Override
        public Run startChild(String name) {
            return new NoRun();
        }

        @Override
        public void end(RunStatus status) {
            // nothing recorded
        }
    }
}
