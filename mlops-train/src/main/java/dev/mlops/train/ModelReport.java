package dev.mlops.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.Frame;
import dev.mlops.api.HtmlRenderable;
import dev.mlops.api.Json;
import dev.mlops.features.FeatureRanking;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One report on a trained model, as JSON or as a single self-contained HTML page a person can open offline: the
 * evaluation's verdict, metrics against the baselines, ROC and precision-recall curves, calibration diagram,
 * confusion matrix as a heat map, learning curve, metric by slice with the worst marked and the release checks;
 * the feature ranking and the tuning trials when given. Charts are inline SVG drawn by JFreeChart
 * (docs/decisions/132); the page has no scripts and loads nothing.
 *
 * <pre>{@code
 * ModelReport.newBuilder("credit-g").evaluation(evaluation).curves(model, test).ranking(ranking).build()
 *         .writeHtml(Path.of("target/model-report.html"));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class ModelReport {
    private final String title;
    private final Evaluation evaluation;
    private final List<EvaluationHtml.Curve> roc;
    private final List<EvaluationHtml.Curve> pr;
    private final FeatureRanking ranking;
    private final TuningResult tuning;
    private final Instant created;

    private ModelReport(Builder b) {
        this.title = b.title;
        this.evaluation = b.evaluation;
        this.roc = b.roc;
        this.pr = b.pr;
        this.ranking = b.ranking;
        this.tuning = b.tuning;
        this.created = b.created;
    }

    /** A builder for a report with this title. */
    public static Builder newBuilder(String title) {
        return new Builder(title);
    }

    /** The report as JSON: the numbers behind every chart. */
    public String toJson() {
        ObjectMapper m = Json.mapper();
        ObjectNode root = m.createObjectNode();
        root.put("title", title);
        root.put("created", created.toString());
        ObjectNode e = root.putObject("evaluation");
        e.put("primaryMetric", evaluation.primaryMetric());
        e.put("primaryMetricReason", evaluation.primaryMetricReason());
        e.put("blessed", evaluation.comparison().blessed());
        e.set("reasons", m.valueToTree(evaluation.comparison().reasons()));
        e.set("metrics", m.valueToTree(evaluation.metrics().values()));
        if (evaluation.trainMetrics() != null) {
            e.set("trainMetrics", m.valueToTree(evaluation.trainMetrics().values()));
        }
        ObjectNode baselines = e.putObject("baselines");
        evaluation.baselines().forEach((name, metrics) -> baselines.set(name, m.valueToTree(metrics.values())));
        e.set("baselineVerdict", m.valueToTree(evaluation.baselineVerdict()));
        e.set("slices", m.valueToTree(evaluation.slices()));
        e.set("worstSlices", m.valueToTree(evaluation.worstSlices()));
        e.set("learningCurve", m.valueToTree(evaluation.learningCurve()));
        evaluation.fitDiagnosis().ifPresent(d -> e.set("fitDiagnosis", m.valueToTree(d)));
        e.set("checks", m.valueToTree(evaluation.comparison().checks()));
        if (evaluation.metrics() instanceof ClassificationMetrics c) {
            e.set("classes", m.valueToTree(c.classes()));
            e.set("confusion", m.valueToTree(c.confusion()));
            e.set("calibration", m.valueToTree(c.calibration()));
        }
        curves(e.putArray("roc"), roc, "falsePositiveRate", "truePositiveRate");
        curves(e.putArray("precisionRecall"), pr, "recall", "precision");
        if (ranking != null) {
            try {
                root.set("ranking", m.readTree(ranking.toJson()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
                throw new IllegalStateException("The feature ranking wrote JSON it cannot read back", ex);
            }
        }
        if (tuning != null) {
            ObjectNode t = root.putObject("tuning");
            t.put("metric", tuning.metric());
            t.put("higherIsBetter", tuning.higherIsBetter());
            t.put("folds", tuning.folds());
            ArrayNode trials = t.putArray("trials");
            for (TuningResult.Trial x : tuning.trials()) {
                ObjectNode n = trials.addObject();
                n.put("index", x.index());
                n.set("changes", m.valueToTree(new TreeMap<>(x.changes())));
                n.put("mean", x.mean());
                n.put("std", x.std());
                n.set("foldScores", m.valueToTree(x.foldScores()));
                n.put("error", x.error());
            }
        }
        return Json.write(root);
    }

    private static void curves(ArrayNode out, List<EvaluationHtml.Curve> curves, String x, String y) {
        for (EvaluationHtml.Curve c : curves) {
            ObjectNode n = out.addObject();
            n.put("positiveClass", c.positive());
            n.set(x, Json.mapper().valueToTree(c.x()));
            n.set(y, Json.mapper().valueToTree(c.y()));
        }
    }

    /** The report as one self-contained HTML page. */
    public String toHtml() {
        String id = EvaluationHtml.id("model", evaluation.summary());
        StringBuilder body = new StringBuilder("<h1>").append(HtmlRenderable.escape(title))
                .append("</h1><div class=\"muted\">Generated ").append(created).append(" by mlops-java</div>")
                .append(EvaluationHtml.evaluation(evaluation, roc, pr, id));
        if (ranking != null) {
            body.append(EvaluationHtml.ranking(ranking, id));
        }
        if (tuning != null) {
            body.append(EvaluationHtml.tuning(tuning, id));
        }
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                + "content=\"width=device-width, initial-scale=1\"><title>" + HtmlRenderable.escape(title)
                + "</title><style>body{margin:24px;max-width:1200px}div.mlops h1{font-size:22px;margin:0 0 4px}"
                + "div.mlops h3{font-size:18px;margin:24px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}"
                + "</style></head><body>\n" + HtmlRenderable.fragment(body.toString()) + "\n</body></html>\n";
    }

    /** Writes {@link #toJson()} to a file (through a temporary file, then a rename). */
    public void writeJson(Path path) {
        write(path, toJson());
    }

    /** Writes {@link #toHtml()} to a file (through a temporary file, then a rename). */
    public void writeHtml(Path path) {
        write(path, toHtml());
    }

    private static void write(Path path, String text) {
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            TrainedModel.writeAtomically(path, text);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the model report to " + path + ": " + e.getMessage(), e);
        }
    }

    /** Collects the parts of a report; the evaluation is required. Not thread-safe. */
    public static final class Builder {
        private final String title;
        private Evaluation evaluation;
        private List<EvaluationHtml.Curve> roc = List.of();
        private List<EvaluationHtml.Curve> pr = List.of();
        private FeatureRanking ranking;
        private TuningResult tuning;
        private Instant created = Instant.now();

        private Builder(String title) {
            this.title = Objects.requireNonNull(title, "title");
        }

        /** The model's evaluation on held-out data (required). */
        public Builder evaluation(Evaluation e) {
            this.evaluation = Objects.requireNonNull(e, "evaluation");
            return this;
        }

        /**
         * ROC and precision-recall curves from the model's scores on the frame it was evaluated on (a
         * classifier's; a regression model has none). Scores the frame once.
         */
        public Builder curves(TrainedModel model, Frame evaluated) {
            List<List<EvaluationHtml.Curve>> both = EvaluationHtml.curves(model, evaluated);
            this.roc = both.get(0);
            this.pr = both.get(1);
            return this;
        }

        /** The feature ranking the model's columns were chosen by. */
        public Builder ranking(FeatureRanking r) {
            this.ranking = Objects.requireNonNull(r, "ranking");
            return this;
        }

        /** The tuning trials the model's settings were chosen by. */
        public Builder tuning(TuningResult t) {
            this.tuning = Objects.requireNonNull(t, "tuning");
            return this;
        }

        /** The creation time shown (default: now), for reproducible output. */
        public Builder created(Instant when) {
            this.created = Objects.requireNonNull(when, "created");
            return this;
        }

        /**
         * The report.
         *
         * @throws IllegalStateException when no evaluation was given
         */
        public ModelReport build() {
            if (evaluation == null) {
                throw new IllegalStateException("A model report needs an evaluation: call evaluation(Evaluator"
                        + "...evaluate(model, test)) before build()");
            }
            return new ModelReport(this);
        }
    }
}
