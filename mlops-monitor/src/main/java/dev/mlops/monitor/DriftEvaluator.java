package dev.mlops.monitor;

import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.data.profile.ColumnProfile;
import dev.mlops.data.profile.Profile;
import dev.mlops.data.profile.ProfileOptions;
import dev.mlops.data.split.Shuffle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates windows against the reference profile: picks each column's method, computes the statistic with its
 * sketch bound, holds it to the fixed or calibrated threshold, and aggregates dataset drift. Immutable and
 * thread-safe once built.
 */
final class DriftEvaluator {
    private final Profile reference;
    private final Profile predictionReference;
    private final Reconstruction reconstruction;
    private final DriftOptions options;
    private final Map<String, DriftMethod> methods = new LinkedHashMap<>();
    /** Calibrated limit per column (absent: fixed threshold). */
    private final Map<String, Double> limits;

    DriftEvaluator(Profile reference, Profile predictionReference, Reconstruction reconstruction,
                   DriftOptions options, Map<String, Double> limits) {
        this.reference = reference;
        this.predictionReference = predictionReference;
        this.reconstruction = reconstruction;
        this.options = options;
        this.limits = Map.copyOf(limits);
        for (String c : options.methods().keySet()) {
            if (!reference.columns().containsKey(c)
                    && (predictionReference == null || !predictionReference.columns().containsKey(c))) {
                throw new IllegalArgumentException("A drift method is set for column '" + c
                        + "' but the reference has no such column; it has " + reference.columns().keySet());
            }
        }
        for (ColumnProfile c : columns()) {
            DriftMethod m = options.methodFor(c);
            boolean numeric = SketchStatistics.isNumeric(c.type());
            if (numeric ? !m.appliesToNumeric() : !m.appliesToCategorical()) {
                throw new IllegalArgumentException("Drift method " + m + " does not apply to column '" + c.name()
                        + "' (" + c.type() + "); choose one that applies to " + (numeric ? "numeric" : "categorical")
                        + " columns");
            }
            methods.put(c.name(), m);
        }
    }

    Profile reference() {
        return reference;
    }

    Profile predictionReference() {
        return predictionReference;
    }

    Reconstruction reconstruction() {
        return reconstruction;
    }

    /** The reference columns, then the prediction reference's. */
    private List<ColumnProfile> columns() {
        List<ColumnProfile> out = new ArrayList<>(reference.columns().values());
        if (predictionReference != null) {
            for (ColumnProfile c : predictionReference.columns().values()) {
                if (!reference.columns().containsKey(c.name())) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    DriftOptions options() {
        return options;
    }

    Map<String, Double> limits() {
        return limits;
    }

    /** Thresholds calibrated on a reference frame: each chunk's statistic against the rest of the reference. */
    static Map<String, Double> calibrate(Frame frame, Profile reference, DriftOptions options,
                                         ProfileOptions profileOptions) {
        int chunks = options.calibrationChunks();
        if (chunks == 0 || frame.rowCount() < chunks * 2) {
            return Map.of();
        }
        int n = frame.rowCount();
        int[] order = Shuffle.permutation(n, options.seed());
        Frame shuffled = frame.rows(order);
        List<Profile> parts = new ArrayList<>();
        for (int i = 0; i < chunks; i++) {
            parts.add(Profile.of(shuffled.slice((int) ((long) n * i / chunks), (int) ((long) n * (i + 1) / chunks)),
                    profileOptions));
        }
        DriftEvaluator fixed = new DriftEvaluator(reference, null, null, options, Map.of());
        Map<String, double[]> stats = new LinkedHashMap<>();
        for (int i = 0; i < chunks; i++) {
            Profile rest = null;
            for (int j = 0; j < chunks; j++) {
                if (j != i) {
                    rest = rest == null ? parts.get(j) : rest.merge(parts.get(j));
                }
            }
            for (ColumnProfile r : rest.columns().values()) {
                DriftMethod m = fixed.methods.get(r.name());
                SketchStatistics.Estimate e = SketchStatistics.of(m, r, parts.get(i).column(r.name()),
                        options.bins());
                stats.computeIfAbsent(r.name(), k -> new double[chunks])[i] = calibrated(m, e.value());
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        stats.forEach((c, v) -> {
            double mean = 0;
            for (double x : v) {
                mean += x;
            }
            mean /= v.length;
            double ss = 0;
            for (double x : v) {
                ss += (x - mean) * (x - mean);
            }
            double limit = mean + options.calibrationSigmas() * Math.sqrt(ss / (v.length - 1));
            if (Double.isFinite(limit)) {
                out.put(c, limit);
            }
        });
        return out;
    }

    /** The value calibration works on: the statistic, with z as |z|. */
    private static double calibrated(DriftMethod m, double value) {
        return m == DriftMethod.Z_TEST ? Math.abs(value) : value;
    }

    WindowReport evaluate(Window window, Set<String> outputColumns) {
        List<FeatureDrift> inputs = new ArrayList<>();
        List<FeatureDrift> outputs = new ArrayList<>();
        for (ColumnProfile r : columns()) {
            ColumnProfile c = window.profile().columns().get(r.name());
            if (c == null || !comparable(r.type(), c.type())) {
                continue;
            }
            boolean output = outputColumns.contains(r.name())
                    || predictionReference != null && predictionReference.columns().containsKey(r.name())
                    && !reference.columns().containsKey(r.name());
            FeatureDrift f = feature(r, c, output);
            (f.output() ? outputs : inputs).add(f);
        }
        long drifted = inputs.stream().filter(FeatureDrift::drifted).count();
        double share = inputs.isEmpty() ? 0 : (double) drifted / inputs.size();
        List<FeatureDrift> all = new ArrayList<>(inputs);
        all.addAll(outputs);
        return new WindowReport(window.key(), window.start(), window.end(), window.rowCount(), all, share,
                !inputs.isEmpty() && share >= options.datasetDriftShare(), reconstruction(window));
    }

    private ReconstructionDrift reconstruction(Window window) {
        ColumnProfile e = window.profile().columns().get(Reconstruction.COLUMN);
        if (reconstruction == null || e == null || e.moments().isEmpty() || e.moments().get().count() == 0) {
            return ReconstructionDrift.NONE;
        }
        double mean = e.moments().get().mean();
        return new ReconstructionDrift(mean, reconstruction.lower(), reconstruction.upper(),
                mean < reconstruction.lower() || mean > reconstruction.upper());
    }

    private FeatureDrift feature(ColumnProfile r, ColumnProfile c, boolean output) {
        DriftMethod m = methods.get(r.name());
        SketchStatistics.Estimate e = SketchStatistics.of(m, r, c, options.bins());
        Double limit = limits.get(r.name());
        Verdict verdict;
        double threshold;
        if (!Double.isFinite(e.value())) {
            return new FeatureDrift(r.name(), output, m, e.value(), e.lower(), e.upper(), e.p(), e.pLower(),
                    e.pUpper(), Double.NaN, false, Verdict.UNDECIDED);
        }
        if (limit != null) {
            threshold = limit;
            double lo = Double.isNaN(e.lower()) ? e.value() : e.lower();
            double hi = Double.isNaN(e.upper()) ? e.value() : e.upper();
            if (m == DriftMethod.Z_TEST) {
                lo = hi = Math.abs(e.value());
            }
            verdict = Verdict.above(lo, hi, threshold);
        } else {
            threshold = options.thresholdFor(r.name(), m);
            if (m.isTest()) {
                verdict = Verdict.below(nanTo(e.pLower(), e.p()), nanTo(e.pUpper(), e.p()), threshold);
            } else {
                verdict = Verdict.above(nanTo(e.lower(), e.value()), nanTo(e.upper(), e.value()), threshold);
            }
        }
        return new FeatureDrift(r.name(), output, m, e.value(), e.lower(), e.upper(), e.p(), e.pLower(), e.pUpper(),
                threshold, limit != null, verdict);
    }

    private static double nanTo(double v, double fallback) {
        return Double.isNaN(v) ? fallback : v;
    }

    private static boolean comparable(FieldType a, FieldType b) {
        return a == b || SketchStatistics.isNumeric(a) && SketchStatistics.isNumeric(b)
                || isLabels(a) && isLabels(b);
    }

    private static boolean isLabels(FieldType t) {
        return t == FieldType.CATEGORICAL || t == FieldType.TEXT;
    }
}
