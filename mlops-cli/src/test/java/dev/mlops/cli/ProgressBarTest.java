package dev.mlops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.pipeline.PipelineEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void render_drawsTheShareDoneAsABarWithPercentLabelAndCount() {
        assertEquals("[########            ]  38% tuning trial 3/8 trial 2 roc_auc=0.7712",
                ProgressBar.render(new PipelineEvent("tune", 3, 8, "trial 2 roc_auc=0.7712")));
        assertEquals("[                    ]   0% reading 0/1 credit.csv",
                ProgressBar.render(new PipelineEvent("read", 0, 1, "credit.csv")));
        assertEquals("[####################] 100% training 1/1",
                ProgressBar.render(new PipelineEvent("train", 1, 1, "")));
        assertEquals("[##########          ]  50% custom-step 1/2",
                ProgressBar.render(new PipelineEvent("custom-step", 1, 2, null)), "an unknown step keeps its name");
    }

    @Test
    void render_ofAnImpossibleCount_isRefusedNamingTheStep() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PipelineEvent("tune", 9, 8, ""));
        assertTrue(e.getMessage().contains("9/8") && e.getMessage().contains("tune"), e.getMessage());
    }

    @Test
    void onATerminal_oneBarIsRedrawnInPlace_andLeftOnItsLineWhenDone() {
        StringWriter text = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(text), true);
        bar.onProgress(new PipelineEvent("tune", 0, 2, "starting the search"));
        bar.onProgress(new PipelineEvent("tune", 1, 2, "t0"));
        bar.onProgress(new PipelineEvent("tune", 2, 2, "t1"));
        String out = text.toString();
        String first = "[                    ]   0% tuning trial 0/2 starting the search";
        String second = "[##########          ]  50% tuning trial 1/2 t0";
        assertTrue(out.startsWith("\r" + first + "\r" + second), out);
        // the shorter second text is padded over what the first left on the line
        assertTrue(out.contains(second + " ".repeat(first.length() - second.length()) + "\r"), out);
        assertTrue(out.endsWith("[####################] 100% tuning trial 2/2 t1" + System.lineSeparator()), out);
        assertEquals(1, out.split(System.lineSeparator(), -1).length - 1, "one line in all: " + out);
    }

    @Test
    void elsewhere_eachChangeIsOnePlainLine_withoutCarriageReturns() {
        StringWriter text = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(text), false);
        bar.onProgress(new PipelineEvent("read", 0, 1, "credit.csv"));
        bar.onProgress(new PipelineEvent("read", 0, 1, "credit.csv"));
        bar.onProgress(new PipelineEvent("read", 1, 1, "credit.csv"));
        bar.close();
        assertFalse(text.toString().contains("\r"), text.toString());
        assertEquals(List.of("[                    ]   0% reading 0/1 credit.csv",
                "[####################] 100% reading 1/1 credit.csv"), text.toString().lines().toList());
    }

    @Test
    void eventsFromManyThreads_areEachDrawnWhole() throws InterruptedException {
        StringWriter text = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(text), false);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int id = t;
            Thread thread = new Thread(() -> {
                for (int i = 0; i <= 50; i++) {
                    bar.onProgress(new PipelineEvent("fold", i, 50, "thread " + id));
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread t : threads) {
            t.join();
        }
        List<String> lines = text.toString().lines().toList();
        assertTrue(lines.size() >= 8 * 51 / 2, "lines: " + lines.size());
        for (String line : lines) {
            assertTrue(line.matches("\\[[# ]{20}] +\\d+% fold \\d+/50 thread \\d"), line);
        }
    }
}
