package dev.mlops.train.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Turns Tribuo's own progress log lines into progress callbacks while one model trains: the SGD trainers' "At
 * iteration N, average loss = L" (logged once per epoch when the logging interval is the number of steps per epoch)
 * and the bagging trainer's "Building model N" (one per tree of a random forest). Tribuo 4.3 has no other progress
 * hook. Only records from the training thread count, so parallel trials do not mix. Closing detaches it.
 */
public final class TribuoProgress implements AutoCloseable {
    private static final String SGD = "org.tribuo.common.sgd.AbstractSGDTrainer";
    private static final String BAGGING = "org.tribuo.ensemble.BaggingTrainer";
    private static final Pattern ITERATION = Pattern.compile("At iteration (\\d+), average loss = (\\S+)");
    private static final Pattern MEMBER = Pattern.compile("Building model (\\d+)");

    /** Held strongly: java.util.logging keeps loggers only weakly, and a collected one would lose the bridge. */
    private static final Logger TRIBUO = Logger.getLogger("org.tribuo");
    private static final AtomicBoolean BRIDGED = new AtomicBoolean();

    private final Logger sgd = Logger.getLogger(SGD);
    private final Logger bagging = Logger.getLogger(BAGGING);
    private final Handler handler;

    /**
     * Listens on the current thread.
     *
     * @param stepsPerEpoch SGD steps in one epoch (iterations are divided by it)
     * @param epoch called with (epoch number from 1, average loss)
     * @param member called with (member number from 1, NaN)
     */
    public TribuoProgress(long stepsPerEpoch, BiConsumer<Integer, Double> epoch, BiConsumer<Integer, Double> member) {
        long thread = Thread.currentThread().getId();
        handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLongThreadID() != thread || r.getMessage() == null) {
                    return;
                }
                Matcher m = ITERATION.matcher(r.getMessage());
                if (m.find()) {
                    long it = Long.parseLong(m.group(1));
                    epoch.accept((int) Math.max(1, it / Math.max(1, stepsPerEpoch)), parse(m.group(2)));
                    return;
                }
                m = MEMBER.matcher(r.getMessage());
                if (m.find()) {
                    member.accept(Integer.parseInt(m.group(1)) + 1, Double.NaN);
                }
            }

            @Override
            public void flush() {
                // nothing buffered
            }

            @Override
            public void close() {
                // nothing held
            }
        };
        sgd.addHandler(handler);
        bagging.addHandler(handler);
    }

    /**
     * Sends everything Tribuo logs through java.util.logging to SLF4J instead of JUL's console, once per JVM, so the
     * host's logging configuration decides what shows. Only Tribuo's loggers are touched: the JUL root stays as the
     * host set it. Idempotent.
     */
    public static void bridgeToSlf4j() {
        if (BRIDGED.compareAndSet(false, true)) {
            TRIBUO.addHandler(new SLF4JBridgeHandler());
            TRIBUO.setUseParentHandlers(false);
        }
    }

    private static double parse(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    @Override
    public void close() {
        sgd.removeHandler(handler);
        bagging.removeHandler(handler);
    }
}
