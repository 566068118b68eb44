package dev.mlops.serve;

import dev.mlops.api.PredictionEvent;
import dev.mlops.api.PredictionListener;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands prediction events to listeners on one daemon thread through a bounded queue: publishing never blocks (a
 * full queue drops the event and counts it), and a listener that throws is counted and skipped.
 */
final class ListenerHub implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerHub.class);
    private final CopyOnWriteArrayList<PredictionListener> listeners = new CopyOnWriteArrayList<>();
    private final ArrayBlockingQueue<PredictionEvent> queue;
    final LongAdder dropped = new LongAdder();
    final LongAdder failures = new LongAdder();
    private final String name;
    private Thread thread;
    private volatile boolean closed;

    ListenerHub(int capacity, String name) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.name = name;
    }

    synchronized AutoCloseable subscribe(PredictionListener listener) {
        if (closed) {
            throw new IllegalStateException("The server is closed; subscribe before closing it");
        }
        listeners.add(listener);
        if (thread == null) {
            thread = new Thread(this::loop, "mlops-serve-listeners-" + name);
            thread.setDaemon(true);
            thread.start();
        }
        return () -> listeners.remove(listener);
    }

    boolean active() {
        return !listeners.isEmpty();
    }

    /** Queues an event if anyone listens; never blocks. */
    void publish(Supplier<PredictionEvent> event) {
        if (listeners.isEmpty() || closed) {
            return;
        }
        if (!queue.offer(event.get())) {
            dropped.increment();
        }
    }

    private void loop() {
        while (!closed || !queue.isEmpty()) {
            PredictionEvent e;
            try {
                e = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException ex) {
                return;
            }
            if (e == null) {
                continue;
            }
            for (PredictionListener l : listeners) {
                try {
                    l.onPrediction(e);
                } catch (Throwable t) { // a listener must never break serving
                    failures.increment();
                    if (failures.sum() <= 10) {
                        LOG.warn("Prediction listener {} threw; it is skipped for this event", l, t);
                    }
                }
            }
        }
    }

    /** Stops after delivering what is already queued (in the background). */
    @Override
    public synchronized void close() {
        closed = true;
    }
}
