package dev.mlops.monitor;

import dev.mlops.api.Frame;
import dev.mlops.api.PredictionEvent;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/** The monitor that does nothing ({@link DriftMonitor#disabled()}). Stateless and thread-safe. */
final class DisabledMonitor implements DriftMonitor {
    static final DisabledMonitor INSTANCE = new DisabledMonitor();

    private DisabledMonitor() {
    }

    @Override
    public void observe(PredictionEvent event) {
    }

    @Override
    public void observe(Frame inputs, Frame outputs, Instant time, List<String> requestIds) {
    }

    @Override
    public LabelOutcome label(String requestId, Object truth) {
        return LabelOutcome.UNKNOWN;
    }

    @Override
    public LabelStats labelStats() {
        return new LabelStats(0, 0, 0, 0, 0, 0, 0);
    }

    @Override
    public List<EstimatedPerformance> estimatedPerformance() {
        return List.of();
    }

    @Override
    public java.util.Optional<CalibrationCheck> calibration() {
        return java.util.Optional.empty();
    }

    @Override
    public List<WindowPerformance> performance() {
        return List.of();
    }

    @Override
    public dev.mlops.data.profile.Profile reference() {
        throw new IllegalStateException("A disabled monitor has no reference");
    }

    @Override
    public java.util.Optional<dev.mlops.data.profile.Profile> predictionReference() {
        return java.util.Optional.empty();
    }

    @Override
    public List<WindowReport> advance() {
        return List.of();
    }

    @Override
    public List<WindowReport> flush() {
        return List.of();
    }

    @Override
    public List<WindowReport> reports() {
        return List.of();
    }

    @Override
    public List<Window> windows() {
        return List.of();
    }

    @Override
    public List<Window> openWindows() {
        return List.of();
    }

    @Override
    public WindowReport evaluate(Window window) {
        throw new IllegalStateException("A disabled monitor has no reference to evaluate windows against");
    }

    @Override
    public long lateRows() {
        return 0;
    }

    @Override
    public AutoCloseable onReport(Consumer<WindowReport> listener) {
        return () -> { };
    }

    @Override
    public String snapshot() {
        return "{}";
    }

    @Override
    public void close() {
    }
}
