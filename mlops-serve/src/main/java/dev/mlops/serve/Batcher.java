package dev.mlops.serve;

import dev.mlops.serve.PredictionException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dynamic batching, adaptive: a request that finds the batcher idle (nothing queued, no batch running) runs at once
 * on its caller's thread, so a lone caller pays no hand-off; requests that arrive while a batch runs wait in a
 * bounded queue, and one drain task at a time (on the given executor) takes them as the next batch. The batch grows
 * while requests wait: the drain takes what is queued and, when the previous batch was larger (the load is there),
 * waits for more up to that size, {@code maxBatchSize} rows, or until the first request has waited
 * {@code maxQueueDelay}, whichever comes first. Each caller gets its rows of the batch's outputs.
 *
 * <p>With an executor of the host's (tests pass one they drive), every request goes through the queue and that
 * executor, as the host asked: no caller-runs shortcut.
 */
final class Batcher {
    private static final Logger LOG = LoggerFactory.getLogger(Batcher.class);

    /** What a batch run returns: the outputs, the version that produced them and how long the model run took. */
    record RunResult(OutputBatch outputs, LoadedModel model, long computeNanos) {
    }

    /** A caller's rows as a slice of a batch's outputs, and how long the caller waited for its batch to start. */
    record Outcome(RunResult result, int offset, long queueNanos) {
    }

    /** One waiting request; {@code deadline} is in {@code System.nanoTime()} units, 0 for none. */
    static final class Request {
        final InputBatch input;
        final long enqueuedNanos;
        final long deadline;
        final CompletableFuture<Outcome> future = new CompletableFuture<>();

        Request(InputBatch input, long deadline, long enqueuedNanos) {
            this.input = input;
            this.enqueuedNanos = enqueuedNanos;
            this.deadline = deadline;
        }
    }

    /** Runs a batch: input and deadline to result. */
    interface Runner extends java.util.function.BiFunction<InputBatch, Long, RunResult> {
    }

    /**
     * Waiting requests. Lock-free, with the count kept beside it: 32 callers and the drain took a bounded blocking
     * queue's one lock several times a request, and a contended lock parks its threads.
     */
    private final ConcurrentLinkedQueue<Request> queue = new ConcurrentLinkedQueue<>();
    /** Requests counted in; incremented before a request is queued and decremented after one is taken. */
    private final AtomicInteger queued = new AtomicInteger();
    private final int capacity;
    private final Executor executor;
    private final Runner runner;
    private final int maxBatchSize;
    private final long maxDelayNanos;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final LongAdder batches;
    private final boolean runIdleOnCaller;
    private final LongSupplier nanoTime;
    private volatile boolean closed;
    /** A request taken from the queue that did not fit the last batch; only the drain task touches it. */
    private Request carry;
    /** Rows of the last batch the drain ran: the demand it expects again. Only the drain task touches it. */
    private int lastBatchRows = 1;
    /** The drain while it waits for requests, and how many it waits for. */
    private volatile Thread waiter;
    private volatile int wanted;

    Batcher(int capacity, int maxBatchSize, long maxDelayNanos, Executor executor, Runner runner, LongAdder batches) {
        this(capacity, maxBatchSize, maxDelayNanos, executor, runner, batches, false, System::nanoTime);
    }

    /**
     * @param runIdleOnCaller whether a request that finds the batcher idle runs on its caller's thread
     * @param nanoTime        the clock of queue delays ({@code System::nanoTime}; tests inject one)
     */
    Batcher(int capacity, int maxBatchSize, long maxDelayNanos, Executor executor, Runner runner, LongAdder batches,
            boolean runIdleOnCaller, LongSupplier nanoTime) {
        this.capacity = capacity;
        this.executor = executor;
        this.runner = runner;
        this.maxBatchSize = maxBatchSize;
        this.maxDelayNanos = maxDelayNanos;
        this.batches = batches;
        this.runIdleOnCaller = runIdleOnCaller;
        this.nanoTime = nanoTime;
    }

    /**
     * Runs a request at once on this thread when the batcher is idle (and so configured), else queues it; fails it at
     * once with {@code QUEUE_FULL} or {@code CLOSED}. The returned request's future is done when it ran here.
     */
    Request submit(InputBatch input, long deadline) {
        if (closed) {
            throw new PredictionException(Reason.CLOSED, null, "the server is closed");
        }
        Request r = new Request(input, deadline, nanoTime.getAsLong());
        if (runIdleOnCaller && queued.get() == 0 && scheduled.compareAndSet(false, true)) {
            try {
                run(List.of(r));
            } finally {
                scheduled.set(false);
                if (!closed && queued.get() > 0) {
                    schedule(); // requests that arrived meanwhile found the batcher busy and queued
                }
            }
            return r;
        }
        int waiting = queued.incrementAndGet();
        if (waiting > capacity) {
            queued.decrementAndGet();
            throw new PredictionException(Reason.QUEUE_FULL, null, "the batching queue is full ("
                    + capacity + " requests waiting); the server is overloaded: retry later, raise "
                    + "ServerConfig.queueCapacity, or add servers");
        }
        queue.offer(r);
        if (closed) {
            failQueued(); // closed since the check above, perhaps after close() emptied the queue
            return r;
        }
        Thread w = waiter;
        if (w != null && waiting >= wanted) {
            LockSupport.unpark(w);
        }
        schedule();
        return r;
    }

    int queued() {
        return queued.get();
    }

    /** The next waiting request, or null. */
    private Request poll() {
        Request r = queue.poll();
        if (r != null) {
            queued.decrementAndGet();
        }
        return r;
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RuntimeException e) {
                scheduled.set(false);
                LOG.warn("The batching executor refused a task: {}", e.toString());
            }
        }
    }

    /**
     * Runs batches until the queue is empty. Never runs twice at once. After a batch of more than one row it waits
     * (up to {@code maxQueueDelay}) for the callers it just answered to come back, rather than leave them to find
     * the batcher idle one by one.
     */
    void drain() {
        try {
            while (!closed) {
                Request first = carry != null ? carry : poll();
                carry = null;
                if (first == null && lastBatchRows > 1 && maxDelayNanos > 0) {
                    int expected = Math.min(lastBatchRows, maxBatchSize);
                    lastBatchRows = 1; // wait once; an idle spell ends the expectation
                    awaitQueued(expected, nanoTime.getAsLong() + maxDelayNanos);
                    first = poll();
                }
                if (first == null) {
                    break;
                }
                if (first.future.isDone()) {
                    continue; // timed out while queued
                }
                List<Request> batch = new ArrayList<>();
                batch.add(first);
                int rows = first.input.rows();
                // Grow while requests wait; wait for more only up to the demand the last batch showed.
                int target = Math.min(maxBatchSize, Math.max(lastBatchRows, 1));
                long waitUntil = first.enqueuedNanos + maxDelayNanos;
                while (rows < maxBatchSize) {
                    Request next = poll();
                    if (next == null) {
                        if (rows >= target || waitUntil - nanoTime.getAsLong() <= 0) {
                            break;
                        }
                        // Sleep until enough requests are queued for the target (one wake-up, not one per arrival).
                        awaitQueued(target - rows, waitUntil);
                        next = poll();
                        if (next == null) {
                            break;
                        }
                    }
                    if (next.future.isDone()) {
                        continue;
                    }
                    if (rows + next.input.rows() > maxBatchSize) {
                        carry = next;
                        break;
                    }
                    batch.add(next);
                    rows += next.input.rows();
                }
                lastBatchRows = rows;
                run(batch);
            }
        } finally {
            scheduled.set(false);
            if (!closed && (carry != null || queued.get() > 0)) {
                schedule();
            }
        }
    }

    /**
     * Parks the drain until {@code requests} are queued, {@code until} ({@link #nanoTime} units) has passed, the
     * batcher closes or the thread is interrupted. A submit unparks it only once the queue holds enough.
     */
    private void awaitQueued(int requests, long until) {
        wanted = requests;
        waiter = Thread.currentThread();
        try {
            while (!closed && queued.get() < requests && !Thread.currentThread().isInterrupted()) {
                long left = until - nanoTime.getAsLong();
                if (left <= 0) {
                    break;
                }
                LockSupport.parkNanos(this, left);
            }
        } finally {
            waiter = null;
        }
    }

    private void run(List<Request> batch) {
        long deadline = 0;
        List<InputBatch> inputs = new ArrayList<>(batch.size());
        for (Request r : batch) {
            if (r.deadline == 0) {
                deadline = Long.MAX_VALUE;
            } else if (deadline != Long.MAX_VALUE) {
                deadline = deadline == 0 ? r.deadline : Math.max(deadline, r.deadline);
            }
            inputs.add(r.input);
        }
        long started = nanoTime.getAsLong();
        try {
            RunResult result = runner.apply(InputBatch.concat(inputs), deadline == Long.MAX_VALUE ? 0 : deadline);
            batches.increment();
            int offset = 0;
            for (Request r : batch) {
                r.future.complete(new Outcome(result, offset, started - r.enqueuedNanos));
                offset += r.input.rows();
            }
        } catch (RuntimeException e) {
            for (Request r : batch) {
                r.future.completeExceptionally(e);
            }
        }
    }

    /** Fails every waiting request with {@code CLOSED}; batches already running finish. */
    void close() {
        closed = true;
        Thread w = waiter;
        if (w != null) {
            LockSupport.unpark(w);
        }
        Request c = carry;
        if (c != null) {
            closedWhileQueued(c);
        }
        failQueued();
    }

    private void failQueued() {
        for (Request r = poll(); r != null; r = poll()) {
            closedWhileQueued(r);
        }
    }

    private static void closedWhileQueued(Request r) {
        r.future.completeExceptionally(new PredictionException(Reason.CLOSED, null,
                "the server closed while the request was queued"));
    }
}
