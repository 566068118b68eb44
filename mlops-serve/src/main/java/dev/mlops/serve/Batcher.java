package dev.mlops.serve;

import dev.mlops.serve.PredictionException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dynamic batching: requests from many threads wait in a bounded queue; one drain task at a time (on the given
 * executor) gathers them until the batch holds {@code maxBatchSize} rows or the first request has waited
 * {@code maxQueueDelay}, runs them as one batch, and hands each caller its rows.
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

        Request(InputBatch input, long deadline) {
            this.input = input;
            this.enqueuedNanos = System.nanoTime();
            this.deadline = deadline;
        }
    }

    /** Runs a batch: input and deadline to result. */
    interface Runner extends java.util.function.BiFunction<InputBatch, Long, RunResult> {
    }

    private final ArrayBlockingQueue<Request> queue;
    private final Executor executor;
    private final Runner runner;
    private final int maxBatchSize;
    private final long maxDelayNanos;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final LongAdder batches;
    private volatile boolean closed;
    /** A request taken from the queue that did not fit the last batch; only the drain task touches it. */
    private Request carry;

    Batcher(int capacity, int maxBatchSize, long maxDelayNanos, Executor executor, Runner runner, LongAdder batches) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.executor = executor;
        this.runner = runner;
        this.maxBatchSize = maxBatchSize;
        this.maxDelayNanos = maxDelayNanos;
        this.batches = batches;
    }

    /** Queues a request, or fails it at once with {@code QUEUE_FULL} or {@code CLOSED}. */
    Request submit(InputBatch input, long deadline) {
        if (closed) {
            throw new PredictionException(Reason.CLOSED, null, "the server is closed");
        }
        Request r = new Request(input, deadline);
        if (!queue.offer(r)) {
            throw new PredictionException(Reason.QUEUE_FULL, null, "the batching queue is full ("
                    + queue.size() + " requests waiting); the server is overloaded: retry later, raise "
                    + "ServerConfig.queueCapacity, or add servers");
        }
        schedule();
        return r;
    }

    int queued() {
        return queue.size();
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

    /** Runs batches until the queue is empty. Never runs twice at once. */
    void drain() {
        try {
            while (!closed) {
                Request first = carry != null ? carry : queue.poll();
                carry = null;
                if (first == null) {
                    break;
                }
                if (first.future.isDone()) {
                    continue; // timed out while queued
                }
                List<Request> batch = new ArrayList<>();
                batch.add(first);
                int rows = first.input.rows();
                long waitUntil = first.enqueuedNanos + maxDelayNanos;
                while (rows < maxBatchSize) {
                    Request next = queue.poll();
                    if (next == null) {
                        long wait = waitUntil - System.nanoTime();
                        if (wait <= 0) {
                            break;
                        }
                        try {
                            next = queue.poll(wait, TimeUnit.NANOSECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            break;
                        }
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
                run(batch);
            }
        } finally {
            scheduled.set(false);
            if (!closed && (carry != null || !queue.isEmpty())) {
                schedule();
            }
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
        long started = System.nanoTime();
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
        List<Request> left = new ArrayList<>();
        queue.drainTo(left);
        Request c = carry;
        if (c != null) {
            left.add(c);
        }
        for (Request r : left) {
            r.future.completeExceptionally(new PredictionException(Reason.CLOSED, null,
                    "the server closed while the request was queued"));
        }
    }
}
