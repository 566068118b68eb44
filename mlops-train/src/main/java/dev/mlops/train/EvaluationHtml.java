package dev.mlops.train;

import static dev.mlops.api.HtmlRenderable.escape;
import static dev.mlops.api.HtmlRenderable.number;

import dev.mlops.api.Column;
import dev.mlops.api.Frame;
import dev.mlops.data.report.Charts;
import dev.mlops.api.model.ModelTask;
import dev.mlops.features.FeatureRanking;
import dev.mlops.features.FeatureScore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The HTML body of an evaluation (verdict, metrics, baselines, charts, checks) and of the ranking and tuning parts
 * of a model report. Shared by {@link Evaluation#toHtml()} and {@link ModelReport#toHtml()}.
 */
final class EvaluationHtml {
    private EvaluationHtml() {
    }

    /**
     * A receiver-operating or precision-recall curve of one class against the rest.
     *
     * @param positive the class taken as positive
     * @param x false positive rate (ROC) or recall (PR)
     * @param y true positive rate (ROC) or precision (PR)
     */
    record Curve(String positive, double[] x, double[] y) {
    }

    /** ROC and PR curves from a model's scores on a frame: the second class for a binary label, else each class. */
    static List<List<Curve>> curves(TrainedModel model, Frame frame) {
        if (model.task() != ModelTask.CLASSIFICATION) {
            return List.of(List.of(), List.of());
        }
        Scores s = model.score(frame);
        Column truth = frame.column(model.label());
        List<String> classes = model.classes();
        List<Curve> roc = new ArrayList<>();
        List<Curve> pr = new ArrayList<>();
        for (int k = classes.size() == 2 ? 1 : 0; k < classes.size(); k++) {
            int n = 0;
            double[] score = new double[frame.rowCount()];
            boolean[] positive = new boolean[frame.rowCount()];
            for (int i = 0; i < frame.rowCount(); i++) {
                if (!truth.isMissing(i)) {
                    score[n] = s.probabilities()[i][k];
                    positive[n++] = truth.format(i).equals(classes.get(k));
                }
            }
            List<Curve> both = oneVsRest(classes.get(k), Arrays.copyOf(score, n), Arrays.copyOf(positive, n));
            if (!both.isEmpty()) {
                roc.add(both.get(0));
                pr.add(both.get(1));
            }
        }
        return List.of(roc, pr);
    }

    /**
     * The ROC curve (from (0, 0) to (1, 1), a point per distinct score) and the precision-recall curve of one
     * class, or nothing when the rows hold only one of positive and negative.
     */
    static List<Curve> oneVsRest(String name, double[] score, boolean[] positive) {
        Integer[] order = new Integer[score.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -score[i]));
        double positives = 0;
        for (boolean p : positive) {
            positives += p ? 1 : 0;
        }
        double negatives = score.length - positives;
        if (positives == 0 || negatives == 0) {
            return List.of();
        }
        List<double[]> rocPoints = new ArrayList<>(List.of(new double[] {0, 0}));
        List<double[]> prPoints = new ArrayList<>();
        double tp = 0;
        double fp = 0;
        for (int j = 0; j < order.length; j++) {
            if (positive[order[j]]) {
                tp++;
            } else {
                fp++;
            }
            if (j == order.length - 1 || score[order[j + 1]] != score[order[j]]) {
                rocPoints.add(new double[] {fp / negatives, tp / positives});
                prPoints.add(new double[] {tp / positives, tp / (tp + fp)});
            }
        }
        return List.of(curve(name, rocPoints), curve(name, prPoints));
    }

    private static Curve curve(String positive, List<double[]> points) {
        return new Curve(positive, points.stream().mapToDouble(p -> p[0]).toArray(),
                points.stream().mapToDouble(p -> p[1]).toArray());
    }

    /** The evaluation's section: verdict, metrics and baselines, charts, threshold checks. */
    static String evaluation(Evaluation e, List<Curve> roc, List<Curve> pr, String id) {
        StringBuilder h = new StringBuilder();
        Evaluation.Comparison c = e.comparison();
        h.append("<h3>Evaluation: <span class=\"").append(c.blessed() ? "ok\">BLESSED" : "err\">NOT BLESSED")
                .append("</span></h3><div class=\"muted\">Primary metric: ").append(escape(e.primaryMetricReason()))
                .append("</div><ul>");
        for (String reason : c.reasons()) {
            h.append("<li>").append(escape(reason)).append("</li>");
        }
        h.append("</ul><div class=\"charts\"><div><h4>Metrics (").append(e.metrics().rows())
                .append(" held-out rows)</h4><table><tr><th>metric</th><th>model</th>");
        boolean train = e.trainMetrics() != null;
        if (train) {
            h.append("<th>on training rows</th>");
        }
        for (String b : e.baselines().keySet()) {
            h.append("<th>").append(escape(b)).append("</th>");
        }
        h.append("</tr>");
        for (Map.Entry<String, Double> m : e.metrics().values().entrySet()) {
            h.append("<tr><td>").append(m.getKey().equals(e.primaryMetric()) ? "<b>" + escape(m.getKey()) + "</b>"
                    : escape(m.getKey())).append("</td><td class=\"num\">").append(number(m.getValue())).append("</td>");
            if (train) {
                h.append("<td class=\"num\">").append(value(e.trainMetrics(), m.getKey())).append("</td>");
            }
            for (Metrics b : e.baselines().values()) {
                h.append("<td class=\"num\">").append(value(b, m.getKey())).append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</table><div>").append(escape(e.baselineVerdict().text())).append("</div>");
        e.fitDiagnosis().ifPresent(d -> h.append("<div>Fit: <b>").append(d.fit()).append("</b>: ")
                .append(escape(d.text())).append("</div>"));
        h.append("</div>");
        if (e.metrics() instanceof ClassificationMetrics m) {
            h.append(Charts.confusion(id + "-confusion", m.classes(), m.confusion()));
            if (!roc.isEmpty()) {
                h.append(Charts.lines(id + "-roc", "ROC curve (AUC " + number(m.rocAuc()) + ")", "false positive rate",
                        "true positive rate", lines(roc, "positive: "), "chance", true));
                h.append(Charts.lines(id + "-pr", "Precision-recall (average precision " + number(m.prAuc()) + ")",
                        "recall", "precision", lines(pr, "positive: "), null, true));
            }
            if (!m.calibration().isEmpty()) {
                List<ClassificationMetrics.CalibrationBin> bins = m.calibration();
                h.append(Charts.lines(id + "-calibration", "Calibration (ECE " + number(m.ece()) + ")",
                        "mean predicted probability", "observed frequency", List.of(new Charts.Line(
                                m.classes().size() == 2 ? "class '" + m.classes().get(1) + "'" : "top class",
                                bins.stream().mapToDouble(ClassificationMetrics.CalibrationBin::meanPredicted).toArray(),
                                bins.stream().mapToDouble(ClassificationMetrics.CalibrationBin::fractionPositive)
                                        .toArray(), true)), "perfect calibration", true));
            }
        }
        if (!e.learningCurve().isEmpty()) {
            double[] rows = e.learningCurve().stream().mapToDouble(Evaluation.CurvePoint::trainRows).toArray();
            h.append(Charts.lines(id + "-learning", "Learning curve", "training rows", e.primaryMetric(), List.of(
                    new Charts.Line("train", rows, e.learningCurve().stream()
                            .mapToDouble(Evaluation.CurvePoint::trainValue).toArray(), true),
                    new Charts.Line("validation", rows, e.learningCurve().stream()
                            .mapToDouble(Evaluation.CurvePoint::validationValue).toArray(), true)), null, false));
        }
        if (!e.slices().isEmpty()) {
            Set<String> worst = new HashSet<>();
            Set<String> columns = new java.util.TreeSet<>();
            e.slices().forEach(s -> columns.add(s.column()));
            boolean one = columns.size() == 1;
            List<String> names = e.slices().stream().map(s -> one ? s.group() : s.column() + " = " + s.group())
                    .toList();
            worst.clear();
            e.worstSlices().forEach(s -> worst.add(one ? s.group() : s.column() + " = " + s.group()));
            h.append(Charts.bars(id + "-slices", e.primaryMetric() + " by " + String.join(", ", columns),
                    e.primaryMetric(), names,
                    e.slices().stream().mapToDouble(Evaluation.Slice::value).toArray(), worst,
                    "overall " + number(e.metrics().get(e.primaryMetric())) + "; red: worst slices"));
        }
        if (c.hasCurrent()) {
            List<String> shared = e.metrics().values().keySet().stream()
                    .filter(k -> c.currentMetrics().containsKey(k) && !Double.isNaN(e.metrics().get(k))
                            && !Double.isNaN(c.currentMetrics().get(k)) && !k.equals("rows")).toList();
            Map<String, double[]> series = new java.util.LinkedHashMap<>();
            series.put("candidate", shared.stream().mapToDouble(e.metrics()::get).toArray());
            series.put("current model", shared.stream().mapToDouble(c.currentMetrics()::get).toArray());
            h.append(Charts.groupedBars(id + "-comparison", "Candidate vs current model (" + c.significanceTest()
                    + ")", "value", shared, series));
        }
        h.append("</div>");
        if (!c.checks().isEmpty()) {
            h.append("<h4>Release checks").append(c.hasCurrent() ? " against the current model" : "")
                    .append("</h4><table><tr><th>metric</th><th>candidate</th><th>current</th><th></th><th>reason"
                            + "</th></tr>");
            for (Evaluation.Check k : c.checks()) {
                h.append("<tr><td>").append(escape(k.metric())).append("</td><td class=\"num\">")
                        .append(number(k.candidate())).append("</td><td class=\"num\">")
                        .append(Double.isNaN(k.current()) ? "" : number(k.current())).append("</td><td class=\"")
                        .append(k.passed() ? "ok\">pass" : "err\">FAIL").append("</td><td>").append(escape(k.reason()))
                        .append("</td></tr>");
            }
            h.append("</table>");
        }
        return h.toString();
    }

    private static String value(Metrics m, String name) {
        Double v = m.values().get(name);
        return v == null ? "" : number(v);
    }

    private static List<Charts.Line> lines(List<Curve> curves, String prefix) {
        return curves.stream().map(c -> new Charts.Line(prefix + c.positive(), c.x(), c.y(), false)).toList();
    }

    /** The feature ranking as a bar chart. */
    static String ranking(FeatureRanking r, String id) {
        List<FeatureScore> scores = r.scores();
        return "<h3>Feature ranking</h3>" + Charts.bars(id + "-ranking", r.method() + (r.label() == null ? ""
                : " against '" + r.label() + "'"), r.method(), scores.stream().map(FeatureScore::name).toList(),
                scores.stream().mapToDouble(FeatureScore::score).toArray(), Set.of(), null);
    }

    /** The tuning trials: score and spread per trial, and the table of what each changed. */
    static String tuning(TuningResult t, String id) {
        List<TuningResult.Trial> ok = t.trials().stream().filter(x -> !Double.isNaN(x.mean())).toList();
        StringBuilder h = new StringBuilder("<h3>Tuning: ").append(t.trials().size()).append(" trials, ")
                .append(t.folds()).append("-fold cross-validated ").append(escape(t.metric())).append("</h3>");
        if (!ok.isEmpty()) {
            int bestIndex = t.best().index();
            List<String> names = ok.stream().map(x -> "#" + x.index()).toList();
            int best = names.indexOf("#" + bestIndex);
            h.append(Charts.meanAndSpread(id + "-tuning", "Trials by " + t.metric(), "trial", t.metric(), names,
                    ok.stream().mapToDouble(TuningResult.Trial::mean).toArray(),
                    ok.stream().mapToDouble(TuningResult.Trial::std).toArray(), best));
        }
        h.append("<table><tr><th>trial</th><th>mean</th><th>std</th><th>folds</th><th>settings changed</th></tr>");
        int bestIndex = ok.isEmpty() ? -1 : t.best().index();
        for (TuningResult.Trial x : t.trials()) {
            h.append("<tr><td>").append(x.index() == bestIndex ? "<b>#" + x.index() + " best</b>" : "#" + x.index())
                    .append("</td><td class=\"num\">").append(number(x.mean())).append("</td><td class=\"num\">")
                    .append(number(x.std())).append("</td><td class=\"num\">")
                    .append(escape(Arrays.toString(Arrays.stream(x.foldScores()).mapToObj(v -> number(v)).toArray())))
                    .append("</td><td>").append(escape(new java.util.TreeMap<>(x.changes()).toString()))
                    .append(x.error() == null ? "" : " <span class=\"err\">FAILED: " + escape(x.error()) + "</span>")
                    .append("</td></tr>");
        }
        return h.append("</table>").toString();
    }

    /** A short id for a chart's SVG definitions, from the content, so two charts on one page never share ids. */
    static String id(String kind, Object content) {
        return kind + "-" + Integer.toHexString(String.valueOf(content).hashCode());
    }
}
