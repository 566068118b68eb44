package dev.mlops.train.scoping;

import dev.mlops.api.Frame;
import dev.mlops.api.model.PredictionColumns;
import dev.mlops.features.Preprocessing;
import dev.mlops.features.Transform;
import dev.mlops.train.ClassificationMetrics;
import dev.mlops.train.MissingValues;
import dev.mlops.train.RegressionMetrics;
import dev.mlops.train.TrainedModel;
import dev.mlops.train.Trainer;
import dev.mlops.train.scoping.ScopingReport.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;

/** The candidates scoping scores: baselines, readable rules and quick models, each fitted on given rows. */
final class Candidates {
    private static final int LATENCY_SAMPLES = 100;

    private Candidates() {
    }

    /**
     * A candidate: a name, a kind, and how it fits on rows of the task.
     *
     * @param name its name in the report
     * @param kind baseline, rule or model
     * @param fitter fits it on rows
     */
    record Candidate(String name, Kind kind, Function<int[], Fitted> fitter) {
        Fitted fit(int[] rows) {
            return fitter.apply(rows);
        }
    }

    /** A fitted candidate. */
    interface Fitted {
        /** Per row, the class probabilities or the value. */
        double[][] predict(int[] rows);

        /** How it reads. */
        String describe();

        /** Its size: the saved model, or the rule's text. */
        long sizeBytes();

        /** Predicts one row. */
        void predictOne(int row);

        /** The 99th percentile of one-row prediction time over (up to 100 of) the rows, after a warm-up. */
        default double p99LatencyMicros(int[] rows) {
            int n = Math.min(LATENCY_SAMPLES, rows.length);
            for (int i = 0; i < Math.min(20, n); i++) {
                predictOne(rows[i]);
            }
            long[] nanos = new long[n];
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                predictOne(rows[i]);
                nanos[i] = System.nanoTime() - t0;
            }
            Arrays.sort(nanos);
            return nanos[Math.min(n - 1, (int) Math.ceil(0.99 * n) - 1)] / 1000.0;
        }
    }

    /** Every candidate for the task's kind of label. */
    static List<Candidate> all(Scoping.Task task) {
        Table t = task.table;
        long seed = task.settings.seed();
        List<Candidate> out = new ArrayList<>();
        if (t.classification) {
            out.add(rule("majority", Kind.BASELINE, task, (table, rows) -> Rules.leaf(table, rows)));
            out.add(stratified(task));
        } else {
            out.add(rule("mean", Kind.BASELINE, task, (table, rows) -> Rules.leaf(table, rows)));
            out.add(rule("median", Kind.BASELINE, task, Candidates::median));
        }
        out.add(rule("one-rule", Kind.RULE, task, Rules::oneRule));
        out.add(rule("tree depth 1", Kind.RULE, task, (table, rows) -> Rules.tree(table, rows, 1)));
        out.add(rule("tree depth 2", Kind.RULE, task, (table, rows) -> Rules.tree(table, rows, 2)));
        out.add(rule("3-rule vote", Kind.RULE, task, (table, rows) -> Rules.vote(table, rows, 3)));
        if (t.classification) {
            out.add(model("logistic regression", task, Trainer.logisticRegression().with("epochs", 20).seed(seed), true));
            out.add(model("boosted trees", task, Trainer.xgboostClassifier().with("trees", 30).with("maxDepth", 3)
                    .seed(seed), false));
        } else {
            out.add(model("linear regression", task, Trainer.linearRegression().seed(seed), true));
            out.add(model("boosted trees", task, Trainer.xgboostRegressor().with("trees", 30).with("maxDepth", 3)
                    .seed(seed), false));
        }
        return out;
    }

    /** Every metric of the predictions on the rows. */
    static Map<String, Double> metrics(Scoping.Task task, int[] rows, double[][] p) {
        Table t = task.table;
        if (t.classification) {
            int[] truth = new int[rows.length];
            int[] predicted = new int[rows.length];
            for (int i = 0; i < rows.length; i++) {
                truth[i] = t.y[rows[i]];
                predicted[i] = Table.argmax(p[i]);
            }
            return ClassificationMetrics.of(t.classes, truth, predicted, p, true).values();
        }
        double[] truth = new double[rows.length];
        double[] predicted = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            truth[i] = t.target[rows[i]];
            predicted[i] = p[i][0];
        }
        return RegressionMetrics.of(truth, predicted).values();
    }

    /** One metric from a map of them. @throws IllegalArgumentException listing the names when it is absent */
    static double pick(Scoping.Task task, Map<String, Double> metrics, String name) {
        Double v = metrics.get(name);
        if (v == null) {
            throw new IllegalArgumentException("No metric '" + name + "' for " + (task.table.classification
                    ? "classification" : "regression") + "; the metrics are " + metrics.keySet());
        }
        return v;
    }

    private static Candidate rule(String name, Kind kind, Scoping.Task task,
                                  BiFunction<Table, int[], Rules.Rule> learner) {
        return new Candidate(name, kind, rows -> new RuleFit(task.table, learner.apply(task.table, rows)));
    }

    private static Rules.Rule median(Table t, int[] rows) {
        double[] v = Arrays.stream(rows).mapToDouble(r -> t.target[r]).sorted().toArray();
        double m = v.length == 0 ? 0 : v[(v.length - 1) / 2];
        return new Rules.Node(null, null, null, new double[] {m}, rows.length);
    }

    /** Guesses a class at random in the training shares, seeded per row so a row's guess is reproducible. */
    private static Candidate stratified(Scoping.Task task) {
        long seed = task.settings.seed();
        Table t = task.table;
        return rule("stratified", Kind.BASELINE, task, (table, rows) -> {
            double[] shares = table.leaf(rows, 0, rows.length);
            return new Rules.Rule() {
                @Override
                public double[] predict(Table tt, int row) {
                    double u = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + row).nextDouble();
                    double[] out = new double[shares.length];
                    double acc = 0;
                    for (int c = 0; c < shares.length; c++) {
                        acc += shares[c];
                        if (u < acc || c == shares.length - 1) {
                            out[c] = 1;
                            break;
                        }
                    }
                    return out;
                }

                @Override
                public String describe(Table tt) {
                    return "a random class in the training shares " + Arrays.toString(shares);
                }
            };
        });
    }

    private record RuleFit(Table table, Rules.Rule rule) implements Fitted {
        @Override
        public double[][] predict(int[] rows) {
            double[][] out = new double[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                out[i] = rule.predict(table, rows[i]);
            }
            return out;
        }

        @Override
        public String describe() {
            return rule.describe(table);
        }

        @Override
        public long sizeBytes() {
            return describe().getBytes(StandardCharsets.UTF_8).length;
        }

        @Override
        public void predictOne(int row) {
            rule.predict(table, row);
        }
    }

    /**
     * A quick model; a linear one learns on standard-scaled numbers (median-imputed) and one-hot categories, fitted
     * on the training rows alone, as SGD needs.
     */
    private static Candidate model(String name, Scoping.Task task, Trainer trainer, boolean linear) {
        boolean anyMissing = task.frame.columns().stream().anyMatch(c -> c.missingCount() > 0);
        Trainer quick = anyMissing ? trainer.missingValues(MissingValues.SKIP) : trainer;
        return new Candidate(name, Kind.MODEL, rows -> {
            Frame train = task.frame.rows(rows);
            Trainer t = linear ? quick.preprocessing(linearPreprocessing(task).fit(train)) : quick;
            return new ModelFit(task, t.train(train, task.label));
        });
    }

    private static Preprocessing linearPreprocessing(Scoping.Task task) {
        Table t = task.table;
        List<String> numeric = new ArrayList<>();
        List<String> categorical = new ArrayList<>();
        for (int f = 0; f < t.names.length; f++) {
            (t.numeric[f] ? numeric : categorical).add(t.names[f]);
        }
        Preprocessing.Builder b = Preprocessing.newBuilder().exclude(task.label);
        if (!numeric.isEmpty()) {
            String[] cols = numeric.toArray(String[]::new);
            b.impute(Transform.Imputation.MEDIAN, cols).scale(Transform.Scaling.STANDARD, cols);
        }
        if (!categorical.isEmpty()) {
            b.oneHot(Transform.UnseenCategories.IGNORE, categorical.toArray(String[]::new));
        }
        return b.build();
    }

    private record ModelFit(Scoping.Task task, TrainedModel model) implements Fitted {
        @Override
        public double[][] predict(int[] rows) {
            Frame p = model.predict(task.frame.rows(rows));
            Table t = task.table;
            double[][] out = new double[rows.length][t.width()];
            if (!t.classification) {
                double[] v = p.doubles(PredictionColumns.VALUE).toArray();
                for (int i = 0; i < rows.length; i++) {
                    out[i][0] = v[i];
                }
                return out;
            }
            for (int c = 0; c < t.classes.size(); c++) {
                String column = PredictionColumns.probability(t.classes.get(c));
                if (p.hasColumn(column)) {
                    double[] v = p.doubles(column).toArray();
                    for (int i = 0; i < rows.length; i++) {
                        out[i][c] = v[i];
                    }
                }
            }
            return out;
        }

        @Override
        public String describe() {
            return model.settings().toJson();
        }

        @Override
        public long sizeBytes() {
            Path dir = null;
            try {
                dir = Files.createTempDirectory("mlops-scoping-size");
                Path target = dir.resolve("model");
                model.save(target);
                try (Stream<Path> files = Files.walk(target)) {
                    return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot measure the size of the saved " + model.settings().algorithm()
                        + " model in a temporary directory: " + e.getMessage(), e);
            } finally {
                delete(dir);
            }
        }

        @Override
        public void predictOne(int row) {
            model.predict(task.frame.rows(new int[] {row}));
        }

        private static void delete(Path dir) {
            if (dir == null) {
                return;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                // a temporary directory left behind is harmless
            }
        }
    }
}
