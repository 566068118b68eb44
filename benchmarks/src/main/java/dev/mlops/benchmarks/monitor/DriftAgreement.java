package dev.mlops.benchmarks.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.api.Json;
import dev.mlops.data.drift.Distances;
import dev.mlops.data.profile.Profile;
import dev.mlops.monitor.DriftMethod;
import dev.mlops.monitor.DriftMonitor;
import dev.mlops.monitor.DriftOptions;
import dev.mlops.monitor.FeatureDrift;
import dev.mlops.monitor.Window;
import dev.mlops.monitor.WindowReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Agreement of the drift benchmark's KS with SciPy's on the same 1M x 20 data: prints summary rows (the largest
 * difference of the exact Java statistic from SciPy's, how many SciPy statistics lie inside the sketch bound, and
 * how many verdicts agree). Reads {@code benchmarks/target/drift_scipy_ks.json}, written by the peer; run the peer
 * first ({@code run.sh} runs extra mains after the JMH run and the peers last, so a second run reports it).
 */
public final class DriftAgreement {
    private DriftAgreement() {
    }

    /** Prints the rows. */
    public static void main(String[] args) throws Exception {
        Path peer = Path.of("benchmarks", "target", "drift_scipy_ks.json");
        if (!Files.exists(peer)) {
            System.err.println("No " + peer + " yet: run /usr/bin/python3 benchmarks/peers/drift_scipy.py first");
            return;
        }
        JsonNode scipy = Json.mapper().readTree(peer.toFile());
        double[][] ref = DriftData.columns(false);
        double[][] win = DriftData.columns(true);
        DriftOptions.Builder options = DriftOptions.newBuilder().calibrationChunks(0);
        for (int c = 0; c < DriftData.COLUMNS; c++) {
            options.method("x" + c, DriftMethod.KS);
        }
        DriftMonitor monitor = DriftMonitor.against(Profile.of(DriftData.frame(ref))).options(options.build()).build();
        WindowReport r = monitor.evaluate(new Window("w", Instant.EPOCH, Instant.EPOCH,
                Profile.of(DriftData.frame(win))));
        double maxExact = 0;
        int inside = 0;
        int agree = 0;
        for (int c = 0; c < DriftData.COLUMNS; c++) {
            double d = scipy.get("statistics").get(c).asDouble();
            double p = scipy.get("pvalues").get(c).asDouble();
            maxExact = Math.max(maxExact, Math.abs(Distances.ks(ref[c], win[c]).statistic() - d));
            FeatureDrift f = r.feature("x" + c).orElseThrow();
            inside += f.statisticLower() <= d && d <= f.statisticUpper() ? 1 : 0;
            boolean scipyDrift = p < 0.05;
            agree += switch (f.verdict()) {
                case DRIFT -> scipyDrift ? 1 : 0;
                case NO_DRIFT -> scipyDrift ? 0 : 1;
                case UNDECIDED -> 1; // undecided never contradicts
            };
        }
        System.out.printf("monitor.DriftAgreement.exactKsVsScipy,max abs difference,statistic,%.3g,,,%n", maxExact);
        System.out.printf("monitor.DriftAgreement.scipyInsideSketchBound,columns,count,%d,,,%n", inside);
        System.out.printf("monitor.DriftAgreement.verdictsNotContradictingScipy,columns,count,%d,,,%n", agree);
    }
}
