package dev.mlops.serve;

import dev.mlops.api.PredictionEvent;
import dev.mlops.api.PredictionListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands prediction events to listeners on one daemon thread through a bounded queue: publishing never blocks (a
 * full queue drops the event and counts it), and a listener that throws is counted and skipped.
 */
final class ListenerHub implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerHub.class);
    private static final int BATCH = 256;
    private static final long NAP_NANOS = 200_000;
    private static final int BUSY_NAPS = 50;
    private final CopyOnWriteArrayList<PredictionListener> listeners = new CopyOnWriteArrayList<>();
    private final ArrayBlockingQueue<PredictionEvent> queue;
    /** Events queued or taken but not yet delivered: at most the capacity, whatever the loop holds in its batch. */
    private final AtomicInteger buffered = new AtomicInteger();
    private final int capacity;
    final LongAdder dropped = new LongAdder();
    final LongAdder failures = new LongAdder();
    private final String name;
    private Thread thread;
    private volatile boolean closed;

    ListenerHub(int capacity, String name) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.capacity = capacity;
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
        if (buffered.incrementAndGet() > capacity || !queue.offer(event.get())) {
            buffered.decrementAndGet();
            dropped.increment();
        }
    }

    /**
     * Delivers in batches. While events keep coming the thread naps between drains instead of blocking on the queue,
     * so a publisher's {@code offer} finds no waiting thread to wake: waking one costs the serving thread more than
     * the offer itself (decision 112). After {@link #BUSY_NAPS} empty naps in a row it blocks, so an idle server
     * costs nothing; the first event after that pays one wake-up.
     */
    private void loop() {
        List<PredictionEvent> batch = new ArrayList<>(BATCH);
        int emptyNaps = 0;
        while (!closed || !queue.isEmpty()) {
            if (queue.drainTo(batch, BATCH) == 0) {
                if (emptyNaps < BUSY_NAPS) {
                    emptyNaps++;
                    LockSupport.parkNanos(NAP_NANOS);
                    continue;
                }
                try {
                    PredictionEvent e = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (e == null) {
                        continue;
                    }
                    batch.add(e);
                } catch (InterruptedException ex) {
                    return;
                }
            }
            emptyNaps = 0;
            for (PredictionEvent e : batch) {
                deliver(e);
                buffered.decrementAndGet();
            }
            batch.clear();
        }
    }

    private void deliver(PredictionEvent e) {
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

    /** Stops after delivering what is already queued (in the background). */
    @Override
    public synchronized void close() {
        closed = true;
    }
}
