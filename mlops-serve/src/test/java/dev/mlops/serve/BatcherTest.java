package dev.mlops.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * The adaptive batcher on its own, with a fake runner, an injected clock and latches (no sleeps): a lone caller
 * runs at once on its thread, requests that arrive during a batch run as the next one in order, the batch grows
 * while requests wait up to the demand the last batch showed, and the maximum queue delay cuts that wait.
 */
class BatcherTest {
    /** An hour: any wait the batcher made on its own would fail the test by its timeout. */
    private static final long HOUR = Duration.ofHours(1).toNanos();
    private static final Duration LIMIT = Duration.ofSeconds(30);

    /** The x1 values of a batch's rows, in order: each request carries its own number as x1. */
    private static List<Double> rowsOf(InputBatch batch) {
        List<Double> out = new ArrayList<>();
        for (int r = 0; r < batch.rows(); r++) {
            out.add(((Number) batch.rowKey(r).get("x1")).doubleValue());
        }
        return out;
    }

    private static InputBatch request(int k) {
        return InputBatch.fromRecords(TestModels.logregSignature(), List.of(Map.of("x1", (double) k, "x2", 0.0)));
    }

    /** Records each batch and the thread it ran on; the first {@code blockFirst} batches wait for a latch. */
    private static final class Recorder implements Batcher.Runner {
        final BlockingQueue<InputBatch> batches = new LinkedBlockingQueue<>();
        final List<Thread> threads = new ArrayList<>();
        final CountDownLatch running = new CountDownLatch(1);
        final CountDownLatch go;

        Recorder(boolean blockFirst) {
            go = new CountDownLatch(blockFirst ? 1 : 0);
        }

        @Override
        public Batcher.RunResult apply(InputBatch input, Long deadline) {
            synchronized (threads) {
                threads.add(Thread.currentThread());
            }
            running.countDown();
            try {
                go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            batches.add(input);
            return new Batcher.RunResult(null, null, 0);
        }
    }

    @Test
    void loneCaller_runsAtOnceOnItsOwnThread_withoutTheExecutor() {
        Recorder runner = new Recorder(false);
        LongAdder count = new LongAdder();
        Batcher b = new Batcher(16, 32, HOUR, task -> fail("a lone caller must not be handed to the executor"),
                runner, count, true, () -> 0L);
        Batcher.Request r = b.submit(request(7), 0); // the runner never blocks: no timeout needed
        assertTrue(r.future.isDone(), "done when submit returns");
        assertEquals(0, r.future.join().offset());
        assertEquals(0, r.future.join().queueNanos());
        assertEquals(List.of(Thread.currentThread()), runner.threads);
        assertEquals(List.of(7.0), rowsOf(runner.batches.poll()));
        assertEquals(1, count.sum());
    }

    @Test
    void requestsArrivingDuringABatch_runAsTheNextBatch_inOrder_eachWithItsRows() throws Exception {
        Recorder runner = new Recorder(true);
        ConcurrencyTest.ManualExecutor executor = new ConcurrencyTest.ManualExecutor();
        Batcher b = new Batcher(16, 32, HOUR, executor, runner, new LongAdder(), true, () -> 0L);
        Thread lone = new Thread(() -> b.submit(request(0), 0));
        lone.start();
        assertTrue(runner.running.await(30, java.util.concurrent.TimeUnit.SECONDS));
        List<Batcher.Request> waiting = new ArrayList<>();
        for (int k = 1; k <= 5; k++) {
            waiting.add(b.submit(request(k), 0)); // the batcher is busy: these queue
        }
        waiting.forEach(r -> assertFalse(r.future.isDone()));
        runner.go.countDown();
        lone.join();
        Thread drain = new Thread(executor::runAll); // the drain the lone caller scheduled on leaving
        drain.start();
        assertEquals(List.of(0.0), rowsOf(runner.batches.take()));
        assertEquals(List.of(1.0, 2.0, 3.0, 4.0, 5.0), rowsOf(assertTimeoutPreemptively(LIMIT,
                () -> runner.batches.take())));
        drain.interrupt(); // after a batch of 5 it waits (up to the delay) for the callers to come back
        drain.join();
        for (int i = 0; i < waiting.size(); i++) {
            assertEquals(i, waiting.get(i).future.join().offset(), "request " + (i + 1) + " gets its own row");
        }
        assertSame(null, runner.batches.poll());
    }

    @Test
    void afterABigBatch_theNextGrowsWhileRequestsWait_toTheSameSize() throws Exception {
        Recorder runner = new Recorder(true);
        ConcurrencyTest.ManualExecutor executor = new ConcurrencyTest.ManualExecutor();
        Batcher b = new Batcher(16, 32, HOUR, executor, runner, new LongAdder(), false, () -> 0L);
        for (int k = 0; k < 4; k++) {
            b.submit(request(k), 0);
        }
        Thread drain = new Thread(executor::runAll);
        drain.start();
        assertTrue(runner.running.await(30, java.util.concurrent.TimeUnit.SECONDS));
        b.submit(request(10), 0); // arrives while the first batch runs
        runner.go.countDown();
        assertEquals(List.of(0.0, 1.0, 2.0, 3.0), rowsOf(assertTimeoutPreemptively(LIMIT, () -> runner.batches.take())));
        for (int k = 11; k < 14; k++) {
            b.submit(request(k), 0); // the drain waits for these instead of running request 10 alone
        }
        assertEquals(List.of(10.0, 11.0, 12.0, 13.0), rowsOf(assertTimeoutPreemptively(LIMIT,
                () -> runner.batches.take())));
        drain.interrupt(); // it now waits (up to the delay) for the callers to come back
        drain.join();
        assertSame(null, runner.batches.poll());
    }

    @Test
    void theMaximumDelayCutsTheWait_aLateRequestRunsWithWhatIsThere() throws Exception {
        Recorder runner = new Recorder(true);
        AtomicLong clock = new AtomicLong();
        ConcurrencyTest.ManualExecutor executor = new ConcurrencyTest.ManualExecutor();
        Batcher b = new Batcher(16, 32, HOUR, executor, runner, new LongAdder(), false, clock::get);
        for (int k = 0; k < 4; k++) {
            b.submit(request(k), 0);
        }
        Thread drain = new Thread(executor::runAll);
        drain.start();
        assertTrue(runner.running.await(30, java.util.concurrent.TimeUnit.SECONDS));
        b.submit(request(10), 0); // queued at time 0
        clock.set(HOUR + 1); // it has now waited longer than the maximum delay
        runner.go.countDown();
        assertTimeoutPreemptively(LIMIT, () -> drain.join());
        assertEquals(List.of(0.0, 1.0, 2.0, 3.0), rowsOf(runner.batches.take()));
        assertEquals(List.of(10.0), rowsOf(runner.batches.take()), "dispatched alone at its deadline, not held for more");
    }
}
