package dev.mlops.test;

import dev.mlops.monitor.DriftReport;
import dev.mlops.monitor.FeatureDrift;
import dev.mlops.monitor.Verdict;
import dev.mlops.monitor.WindowReport;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.AbstractObjectAssert;

/** Assertions on a drift report; a failure names the window, the column, the method, the statistic and its limit. */
public final class DriftReportAssert extends AbstractObjectAssert<DriftReportAssert, DriftReport> {

    DriftReportAssert(DriftReport actual) {
        super(actual, DriftReportAssert.class);
    }

    /** No input feature drifted in any closed window. */
    public DriftReportAssert noFeatureDrifted() {
        isNotNull();
        List<String> drifted = new ArrayList<>();
        for (WindowReport w : actual.windows()) {
            for (FeatureDrift f : w.features()) {
                if (!f.output() && f.verdict() == Verdict.DRIFT) {
                    drifted.add(describe(w, f));
                }
            }
        }
        if (!drifted.isEmpty()) {
            failWithMessage("Expected no feature to drift in %d windows, but %d did:%n  %s", actual.windows().size(),
                    drifted.size(), String.join("\n  ", drifted));
        }
        return this;
    }

    /** This input feature drifted in at least one closed window (for tests that plant a shift). */
    public DriftReportAssert featureDrifted(String column) {
        isNotNull();
        boolean found = actual.windows().stream().flatMap(w -> w.features().stream())
                .anyMatch(f -> f.column().equals(column) && f.verdict() == Verdict.DRIFT);
        if (!found) {
            failWithMessage("Expected '%s' to drift in one of %d windows, but it never did; the drifted columns per "
                    + "window are %s", column, actual.windows().size(),
                    actual.windows().stream().map(w -> w.key() + "=" + w.driftedColumns()).toList());
        }
        return this;
    }

    private static String describe(WindowReport w, FeatureDrift f) {
        return String.format(java.util.Locale.ROOT, "window %s (%d rows): %s by %s, statistic %.4f [%.4f, %.4f] "
                        + "against %.4f", w.key(), w.rows(), f.column(), f.method(), f.statistic(),
                f.statisticLower(), f.statisticUpper(), f.threshold());
    }
}
