package dev.mlops.api.tracking;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/** The tracker behind {@link RunTracker#measuringResources()}: its runs log their resources as they end. */
final class MeasuringRunTracker implements RunTracker {
    private final RunTracker inner;

    MeasuringRunTracker(RunTracker inner) {
        this.inner = inner;
    }

    @Override
    public Run start(String experiment, String name) {
        ResourceMeter meter = ResourceMeter.start();
        return new MeasuredRun(inner.start(experiment, name), meter);
    }

    @Override
    public Optional<RunRecord> find(String runId) {
        return inner.find(runId);
    }

    @Override
    public List<RunRecord> search(RunQuery query) {
        return inner.search(query);
    }

    @Override
    public RunTracker measuringResources() {
        return this;
    }

    @Override
    public void close() {
        inner.close();
    }

    /** A run that measures from its creation to its end. Thread-safe as the run it wraps. */
    private static final class MeasuredRun implements Run {
        private final Run run;
        private final ResourceMeter meter;
        private final AtomicBoolean ended = new AtomicBoolean();

        MeasuredRun(Run run, ResourceMeter meter) {
            this.run = run;
            this.meter = meter;
        }

        @Override
        public String id() {
            return run.id();
        }

        @Override
        public Run logParam(String key, String value) {
            run.logParam(key, value);
            return this;
        }

        @Override
        public Run logMetric(String key, double value, long step) {
            run.logMetric(key, value, step);
            return this;
        }

        @Override
        public Run setTag(String key, String value) {
            run.setTag(key, value);
            return this;
        }

        @Override
        public Run logArtifact(String name, String uri) {
            run.logArtifact(name, uri);
            return this;
        }

        @Override
        public Run logDataFingerprint(String role, String fingerprint) {
            run.logDataFingerprint(role, fingerprint);
            return this;
        }

        @Override
        public Run startChild(String name) {
            ResourceMeter childMeter = ResourceMeter.start();
            return new MeasuredRun(run.startChild(name), childMeter);
        }

        @Override
        public void end(RunStatus status) {
            if (status != RunStatus.RUNNING && ended.compareAndSet(false, true)) {
                run.logResources(meter.stop());
            }
            run.end(status);
        }
    }
}
