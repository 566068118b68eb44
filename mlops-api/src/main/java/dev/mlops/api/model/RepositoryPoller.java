package dev.mlops.api.model;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Polls a reference for changes (see docs/decisions/052): portable, and cheap because resolving reads one file. */
final class RepositoryPoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RepositoryPoller.class);
    private final ScheduledExecutorService scheduler;
    private final ModelRepository repository;
    private final String ref;
    private final Consumer<ModelVersion> listener;
    private volatile int lastVersion;

    private RepositoryPoller(ModelRepository repository, String ref, Consumer<ModelVersion> listener) {
        this.repository = repository;
        this.ref = ref;
        this.listener = listener;
        this.lastVersion = currentVersion();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mlops-repository-watch-" + ref);
            t.setDaemon(true);
            return t;
        });
    }

    static RepositoryPoller start(ModelRepository repository, String ref, Duration interval,
                                  Consumer<ModelVersion> listener) {
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("A watch interval must be positive, got " + interval);
        }
        RepositoryPoller poller = new RepositoryPoller(repository, ref, listener);
        long ms = Math.max(1, interval.toMillis());
        poller.scheduler.scheduleWithFixedDelay(poller::poll, ms, ms, TimeUnit.MILLISECONDS);
        return poller;
    }

    private int currentVersion() {
        try {
            return repository.resolve(ref).version();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    void poll() {
        try {
            ModelVersion v = repository.resolve(ref);
            if (v.version() != lastVersion) {
                lastVersion = v.version();
                listener.accept(v);
            }
        } catch (RuntimeException e) {
            LOG.warn("Watching {} failed this time; will retry: {}", ref, e.toString());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
