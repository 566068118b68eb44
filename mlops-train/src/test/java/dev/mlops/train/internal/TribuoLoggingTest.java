package dev.mlops.train.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Frame;
import dev.mlops.train.Trainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** Issue 13, part 5: what Tribuo logs goes to SLF4J, so nothing reaches java.util.logging's console (System.err). */
class TribuoLoggingTest {

    @Test
    void training_sendsTribuosLogLinesToSlf4j_andNothingToTheJulConsole() {
        Logger root = Logger.getLogger("");
        List<LogRecord> reachedRoot = new ArrayList<>();
        Handler spy = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLoggerName() != null && r.getLoggerName().startsWith("org.tribuo")) {
                    reachedRoot.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        root.addHandler(spy);
        try {
            double[] x = new double[40];
            String[] y = new String[40];
            for (int i = 0; i < x.length; i++) {
                x[i] = i;
                y[i] = i < 20 ? "low" : "high";
            }
            Trainer.logisticRegression().seed(1).train(Frame.of(DoubleColumn.of("x", x), CategoricalColumn.of("y", y)),
                    "y");
        } finally {
            root.removeHandler(spy);
        }
        assertEquals(List.of(), reachedRoot.stream().map(LogRecord::getMessage).toList(),
                "Tribuo's records reach the JUL root, whose console handler prints them to System.err");
        Logger tribuo = Logger.getLogger("org.tribuo");
        assertFalse(tribuo.getUseParentHandlers(), "org.tribuo does not hand records to the JUL root");
        assertTrue(Arrays.stream(tribuo.getHandlers()).anyMatch(h -> h instanceof SLF4JBridgeHandler),
                "org.tribuo hands its records to SLF4J");
    }
}
