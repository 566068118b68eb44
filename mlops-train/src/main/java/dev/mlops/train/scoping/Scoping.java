package dev.mlops.train.scoping;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.Field;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.LongColumn;
import dev.mlops.api.TextColumn;
import dev.mlops.api.model.PredictionColumns;
import dev.mlops.data.quality.BiasReport;
import dev.mlops.data.quality.Representativeness;
import dev.mlops.train.Metrics;
import dev.mlops.train.TrainingEvent;
import dev.mlops.train.TrainingListener;
import dev.mlops.train.internal.Folds;
import dev.mlops.train.scoping.ScopingReport.CandidateScore;
import dev.mlops.train.scoping.ScopingReport.CurvePoint;
import dev.mlops.train.scoping.ScopingReport.Kind;
import dev.mlops.train.scoping.ScopingReport.RequirementCheck;
import dev.mlops.train.scoping.ScopingReport.Verdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scoping: before any tuning, does the data exist, and does the problem need machine learning at all? Scores the
 * trivial baselines, readable rules (one-rule, trees of depth 1 and 2, a vote of threshold rules) and quick models
 * (regularised linear, small boosted trees) by cross-validation, and returns a {@link ScopingReport} with the
 * verdict and the numbers behind it.
 *
 * <pre>{@code
 * ScopingReport report = Scoping.newBuilder()
 *         .settings(ScopingSettings.newBuilder().requirements(Requirement.atLeast("roc_auc", 0.75)).build())
 *         .executor(pool).build()
 *         .assess(credit, "class");
 * System.out.println(report.summary());
 * }</pre>
 *
 * <p>Immutable and safe to share; {@link #assess} may run on several threads at once.
 */
public final class Scoping {
    private final ScopingSettings settings;
    private final Executor executor;
    private final TrainingListener listener;

    private Scoping(ScopingSettings settings, Executor executor, TrainingListener listener) {
        this.settings = settings;
        this.executor = executor;
        this.listener = listener;
    }

    /** A builder with the default settings, run on the calling thread, without progress reports. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** The settings. */
    public ScopingSettings settings() {
        return settings;
    }

    /**
     * Assesses a frame against its label: a categorical label is classification, a numeric one regression. Rows
     * without a label are counted and left out.
     *
     * @throws IllegalArgumentException when the label is absent, text, or leaves fewer rows than two per fold
     */
    public ScopingReport assess(Frame frame, String label) {
        Objects.requireNonNull(frame, "frame");
        Column labelColumn = frame.column(label);
        if (labelColumn instanceof TextColumn) {
            throw new IllegalArgumentException("Label '" + label + "' is free text; scoping needs a categorical"
                    + " label (classes) or a numeric one (values)");
        }
        Frame labelled = dropUnlabelled(frame, labelColumn);
        if (labelled.rowCount() < 2 * settings.folds()) {
            throw new IllegalArgumentException("Scoping '" + label + "' needs at least " + 2 * settings.folds()
                    + " labelled rows for " + settings.folds() + " folds, not " + labelled.rowCount()
                    + "; lower the folds or collect more rows");
        }
        List<String> constant = new ArrayList<>();
        List<String> identifiers = new ArrayList<>();
        List<String> features = new ArrayList<>();
        Map<String, Double> missingShare = new LinkedHashMap<>();
        for (Column c : frame.columns()) {
            missingShare.put(c.name(), frame.rowCount() == 0 ? 0 : (double) c.missingCount() / frame.rowCount());
            if (c.name().equals(label)) {
                continue;
            }
            Column lc = labelled.column(c.name());
            int distinct = distinct(lc);
            if (distinct <= 1) {
                constant.add(c.name());
            } else if (identifierLike(lc, distinct)) {
                identifiers.add(c.name());
            } else if (c.type() != FieldType.TEXT) {
                features.add(c.name());
            }
        }
        Table table = new Table(labelled, features, label);
        Task task = new Task(table, labelled.select(concat(features, label)), label, settings);
        int[][] folds = table.classification ? Folds.stratified(table.y, settings.folds(), settings.seed())
                : Folds.plain(table.rows, settings.folds(), settings.seed());
        List<Candidates.Candidate> candidates = Candidates.all(task);
        int total = folds.length;
        AtomicInteger done = new AtomicInteger();
        listener.onProgress(new TrainingEvent(TrainingEvent.Phase.FOLD, 0, total, "scoping " + candidates.size()
                + " candidates"));
        List<CompletableFuture<List<Map<String, Double>>>> futures = new ArrayList<>();
        int[][] predicted = new int[candidates.size()][table.rows];
        for (int[] heldOut : folds) {
            futures.add(CompletableFuture.supplyAsync(() -> {
                List<Map<String, Double>> metrics = foldMetrics(task, candidates, heldOut, predicted);
                int d = done.incrementAndGet();
                listener.onProgress(new TrainingEvent(TrainingEvent.Phase.FOLD, d, total, "fold " + d + "/" + total));
                return metrics;
            }, executor));
        }
        // metrics[candidate][fold]
        List<List<Map<String, Double>>> metrics = new ArrayList<>();
        double[][] scores = new double[candidates.size()][folds.length];
        for (int c = 0; c < candidates.size(); c++) {
            metrics.add(new ArrayList<>());
        }
        for (int f = 0; f < folds.length; f++) {
            List<Map<String, Double>> m = futures.get(f).join();
            for (int c = 0; c < candidates.size(); c++) {
                metrics.get(c).add(m.get(c));
                scores[c][f] = Candidates.pick(task, m.get(c), task.metric);
            }
        }
        List<Candidates.Fitted> full = new ArrayList<>();
        int[] all = java.util.stream.IntStream.range(0, table.rows).toArray();
        for (Candidates.Candidate c : candidates) {
            full.add(c.fit(all));
        }
        List<CandidateScore> scored = new ArrayList<>();
        for (int c = 0; c < candidates.size(); c++) {
            scored.add(new CandidateScore(candidates.get(c).name(), candidates.get(c).kind(), mean(scores[c]),
                    std(scores[c]), Arrays.stream(scores[c]).boxed().toList(), full.get(c).p99LatencyMicros(all),
                    full.get(c).sizeBytes()));
        }
        int best = bestOf(task, scored, null);
        List<CurvePoint> curve = curve(task, candidates.get(best), folds, scores[best]);
        Verdicts.Decision decision = Verdicts.decide(task, scored, curve, scores);
        int bestRule = bestOf(task, scored, Kind.RULE);
        ScopingReport.DataSummary data = new ScopingReport.DataSummary(frame.rowCount(), labelled.rowCount(),
                classCounts(table), labelSpread(table), missingShare, duplicates(frame), constant, identifiers,
                leakage(task, folds), features);
        return new ScopingReport(label, table.classification ? "classification" : "regression", task.metric,
                task.higherIsBetter, settings.tolerance(), data, scored, curve, decision.verdict(), decision.reason(),
                scored.get(bestRule).name(), full.get(bestRule).describe(), requirements(task, scored, metrics, predicted,
                labelled), representativeness(labelled), bias(labelled, label));
    }

    /** The scoring problem shared by candidates: the table, the frame for the models, the metric. */
    static final class Task {
        final Table table;
        final Frame frame;
        final String label;
        final String metric;
        final boolean higherIsBetter;
        final ScopingSettings settings;

        Task(Table table, Frame frame, String label, ScopingSettings settings) {
            this.table = table;
            this.frame = frame;
            this.label = label;
            this.settings = settings;
            this.metric = settings.metric().isEmpty() ? (table.classification ? "roc_auc" : "r2") : settings.metric();
            this.higherIsBetter = Metrics.higherIsBetter(metric);
        }

        /** Higher is better, whatever the metric. */
        double goodness(double score) {
            return higherIsBetter ? score : -score;
        }
    }

    private static List<Map<String, Double>> foldMetrics(Task task, List<Candidates.Candidate> candidates,
                                                         int[] heldOut, int[][] predicted) {
        int[] train = Folds.complement(task.table.rows, heldOut);
        List<Map<String, Double>> out = new ArrayList<>();
        for (int c = 0; c < candidates.size(); c++) {
            double[][] p = candidates.get(c).fit(train).predict(heldOut);
            for (int i = 0; i < heldOut.length; i++) {
                predicted[c][heldOut[i]] = task.table.classification ? Table.argmax(p[i]) : 0;
            }
            out.add(Candidates.metrics(task, heldOut, p));
        }
        return out;
    }

    private List<CurvePoint> curve(Task task, Candidates.Candidate best, int[][] folds, double[] fullScores) {
        double[] fractions = {0.25, 0.5};
        List<CurvePoint> out = new ArrayList<>();
        int trainRows = 0;
        for (int f = 0; f < fractions.length; f++) {
            double[] s = new double[folds.length];
            int rows = 0;
            for (int k = 0; k < folds.length; k++) {
                int[] train = Folds.complement(task.table.rows, folds[k]);
                int[] part = subsample(train, fractions[f], settings.seed() + k);
                rows += part.length;
                trainRows = train.length;
                try {
                    s[k] = Candidates.pick(task, Candidates.metrics(task, folds[k], best.fit(part).predict(folds[k])),
                            task.metric);
                } catch (RuntimeException e) {
                    s[k] = Double.NaN;
                }
            }
            listener.onProgress(new TrainingEvent(TrainingEvent.Phase.LEARNING_CURVE, f + 1, fractions.length + 1,
                    best.name() + " at " + fractions[f]));
            out.add(new CurvePoint(best.name(), fractions[f], rows / folds.length, mean(s), std(s)));
        }
        out.add(new CurvePoint(best.name(), 1.0, trainRows, mean(fullScores), std(fullScores)));
        listener.onProgress(new TrainingEvent(TrainingEvent.Phase.LEARNING_CURVE, fractions.length + 1,
                fractions.length + 1, best.name() + " at 1.0"));
        return out;
    }

    private static int[] subsample(int[] rows, double fraction, long seed) {
        int[] order = CapacityPlan.shuffled(rows.length, seed);
        int[] part = new int[Math.min(rows.length, Math.max(2 * Rules.MIN_LEAF, (int) Math.round(rows.length
                * fraction)))];
        for (int i = 0; i < part.length; i++) {
            part[i] = rows[order[i]];
        }
        Arrays.sort(part);
        return part;
    }

    /** The index of the best candidate, of one kind or of any but the baselines when kind is null. */
    static int bestOf(Task task, List<CandidateScore> scored, Kind kind) {
        int best = -1;
        for (int c = 0; c < scored.size(); c++) {
            CandidateScore s = scored.get(c);
            boolean eligible = kind == null ? s.kind() != Kind.BASELINE : s.kind() == kind;
            if (eligible && !Double.isNaN(s.mean()) && (best < 0
                    || task.goodness(s.mean()) > task.goodness(scored.get(best).mean()))) {
                best = c;
            }
        }
        if (best < 0) {
            for (int c = 0; c < scored.size(); c++) {
                if (kind == null ? scored.get(c).kind() != Kind.BASELINE : scored.get(c).kind() == kind) {
                    return c;
                }
            }
        }
        return best;
    }

    private static Map<String, Double> leakage(Task task, int[][] folds) {
        Map<String, Double> out = new LinkedHashMap<>();
        Table t = task.table;
        for (int f = 0; f < t.names.length; f++) {
            int feature = f;
            double[] s = new double[folds.length];
            for (int k = 0; k < folds.length; k++) {
                int[] heldOut = folds[k];
                Rules.Rule rule = Rules.oneRule(t, Folds.complement(t.rows, heldOut), feature);
                double[][] p = new double[heldOut.length][];
                for (int i = 0; i < heldOut.length; i++) {
                    p[i] = rule.predict(t, heldOut[i]);
                }
                s[k] = Candidates.pick(task, Candidates.metrics(task, heldOut, p), t.classification
                        ? "balanced_accuracy" : "r2");
            }
            double score = mean(s);
            if (score >= task.settings.leakageThreshold()) {
                out.put(t.names[feature], score);
            }
        }
        return out;
    }

    private static List<RequirementCheck> requirements(Task task, List<CandidateScore> scored,
                                                       List<List<Map<String, Double>>> metrics, int[][] predicted,
                                                       Frame frame) {
        List<RequirementCheck> out = new ArrayList<>();
        for (Requirement r : task.settings.requirements()) {
            for (int c = 0; c < scored.size(); c++) {
                CandidateScore s = scored.get(c);
                if (s.kind() == Kind.BASELINE) {
                    continue;
                }
                double measured = switch (r.kind()) {
                    case MIN_METRIC, MAX_METRIC -> mean(metrics.get(c).stream()
                            .mapToDouble(m -> Candidates.pick(task, m, r.metric())).toArray());
                    case MAX_P99_LATENCY_MICROS -> s.p99LatencyMicros();
                    case MAX_MODEL_BYTES -> s.sizeBytes();
                    case MIN_DISPARATE_IMPACT -> disparateImpact(task, frame, r, predicted[c]);
                };
                out.add(new RequirementCheck(r, s.name(), measured, r.metBy(measured)));
            }
        }
        return out;
    }

    private static double disparateImpact(Task task, Frame frame, Requirement r, int[] predicted) {
        if (!task.table.classification || !task.table.classes.contains(r.favourable())) {
            return Double.NaN;
        }
        Frame p = Frame.of(frame.column(r.attribute()), CategoricalColumn.fromCodes(Field.categorical(
                PredictionColumns.LABEL), predicted, task.table.classes));
        BiasReport b = BiasReport.of(p, r.attribute(), PredictionColumns.LABEL, r.favourable());
        return b.groups().stream().mapToDouble(BiasReport.GroupRate::disparateImpact).filter(v -> !Double.isNaN(v))
                .min().orElse(Double.NaN);
    }

    private List<Representativeness> representativeness(Frame frame) {
        List<Representativeness> out = new ArrayList<>();
        settings.population().forEach((column, shares) -> out.add(Representativeness.of(frame, column, shares,
                0.05)));
        return out;
    }

    private List<BiasReport> bias(Frame frame, String label) {
        List<BiasReport> out = new ArrayList<>();
        settings.biasBy().forEach((attribute, favourable) -> out.add(BiasReport.of(frame, attribute, label,
                favourable)));
        return out;
    }

    private static Frame dropUnlabelled(Frame frame, Column label) {
        if (label.missingCount() == 0) {
            return frame;
        }
        return frame.rows(java.util.stream.IntStream.range(0, frame.rowCount()).filter(r -> !label.isMissing(r))
                .toArray());
    }

    private static int distinct(Column c) {
        Set<String> seen = new HashSet<>();
        for (int r = 0; r < c.size(); r++) {
            if (!c.isMissing(r)) {
                seen.add(c.format(r));
            }
        }
        return seen.size();
    }

    private static boolean identifierLike(Column c, int distinct) {
        int present = c.size() - c.missingCount();
        if (present < 20) {
            return false;
        }
        if (c.type() == FieldType.CATEGORICAL || c.type() == FieldType.TEXT) {
            return distinct >= 0.9 * present;
        }
        if (c instanceof LongColumn l && distinct >= 0.95 * present) {
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (int r = 0; r < l.size(); r++) {
                if (!l.isMissing(r)) {
                    min = Math.min(min, l.getLong(r));
                    max = Math.max(max, l.getLong(r));
                }
            }
            return max - min + 1 == distinct;
        }
        return false;
    }

    private static int duplicates(Frame frame) {
        Set<String> seen = new HashSet<>();
        int dup = 0;
        for (int r = 0; r < frame.rowCount(); r++) {
            StringBuilder key = new StringBuilder();
            for (Column c : frame.columns()) {
                key.append(c.isMissing(r) ? "\u0000" : c.format(r)).append('\u0001');
            }
            dup += seen.add(key.toString()) ? 0 : 1;
        }
        return dup;
    }

    private static Map<String, Long> classCounts(Table t) {
        Map<String, Long> out = new LinkedHashMap<>();
        if (t.classification) {
            for (String c : t.classes) {
                out.put(c, 0L);
            }
            for (int y : t.y) {
                out.merge(t.classes.get(y), 1L, Long::sum);
            }
        }
        return out;
    }

    private static Map<String, Double> labelSpread(Table t) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (!t.classification) {
            double[] v = t.target.clone();
            Arrays.sort(v);
            out.put("min", v[0]);
            out.put("p25", v[(v.length - 1) / 4]);
            out.put("median", v[(v.length - 1) / 2]);
            out.put("p75", v[3 * (v.length - 1) / 4]);
            out.put("max", v[v.length - 1]);
            out.put("mean", mean(v));
            out.put("std", std(v));
        }
        return out;
    }

    private static List<String> concat(List<String> features, String label) {
        List<String> out = new ArrayList<>(features);
        out.add(label);
        return out;
    }

    static double mean(double[] v) {
        double s = 0;
        int n = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                s += x;
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    static double std(double[] v) {
        double m = mean(v);
        double s = 0;
        int n = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                s += (x - m) * (x - m);
                n++;
            }
        }
        return n < 2 ? 0 : Math.sqrt(s / (n - 1));
    }

    /** Builds a {@link Scoping}. */
    public static final class Builder {
        private ScopingSettings settings = ScopingSettings.defaults();
        private Executor executor = Runnable::run;
        private TrainingListener listener = TrainingListener.none();

        private Builder() {
        }

        /** The settings (default {@link ScopingSettings#defaults()}). */
        public Builder settings(ScopingSettings value) {
            settings = Objects.requireNonNull(value, "settings");
            return this;
        }

        /** Where folds run (default: the calling thread). */
        public Builder executor(Executor value) {
            executor = Objects.requireNonNull(value, "executor");
            return this;
        }

        /** Receives a FOLD event per fold and a LEARNING_CURVE event per curve point. */
        public Builder listener(TrainingListener value) {
            listener = Objects.requireNonNull(value, "listener");
            return this;
        }

        /** The scoping. */
        public Scoping build() {
            return new Scoping(settings, executor, listener);
        }
    }
}
