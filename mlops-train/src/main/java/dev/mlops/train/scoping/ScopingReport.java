package dev.mlops.train.scoping;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.mlops.api.HtmlRenderable;
import dev.mlops.api.Json;
import dev.mlops.data.quality.BiasReport;
import dev.mlops.data.quality.Representativeness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What scoping found, before any model is tuned: is the data there, does the problem need machine learning (the
 * cross-validated scores of baselines, readable rules and quick models, and the verdict with the numbers behind
 * it), which stated requirements the candidates meet, and whether the data fits the population it will serve.
 * Immutable; JSON ({@link #toJson()}), an HTML fragment for notebooks ({@link #toHtml()}) and a self-contained page
 * ({@link #toHtmlPage()}).
 *
 * @param label the label column
 * @param task {@code classification} or {@code regression}
 * @param metric the metric every candidate was scored by
 * @param higherIsBetter whether a higher value of the metric is better
 * @param tolerance the tolerance the verdict used, in the metric's units
 * @param data what data there is
 * @param candidates every candidate's cross-validated score, baselines first
 * @param curve the best candidate's learning curve (scores at fractions of each training fold)
 * @param verdict the verdict
 * @param reason the numbers behind the verdict, in a sentence
 * @param bestRule the best readable rule's name
 * @param bestRuleText the best readable rule, fitted on every row, as text
 * @param requirements each requirement checked against each rule and model
 * @param representativeness the data's groups against the stated population shares
 * @param bias the label's favourable rate by each named attribute
 */
public record ScopingReport(String label, String task, String metric, boolean higherIsBetter, double tolerance,
                            DataSummary data, List<CandidateScore> candidates, List<CurvePoint> curve,
                            Verdict verdict, String reason, String bestRule, String bestRuleText,
                            List<RequirementCheck> requirements, List<Representativeness> representativeness,
                            List<BiasReport> bias) implements HtmlRenderable {

    /** Copies the lists. */
    public ScopingReport {
        candidates = List.copyOf(candidates);
        curve = List.copyOf(curve);
        requirements = List.copyOf(requirements);
        representativeness = List.copyOf(representativeness);
        bias = List.copyOf(bias);
    }

    /** Does the problem need machine learning? */
    public enum Verdict {
        /** A readable rule scores within the tolerance of the best quick model: start with the rule. */
        RULE_SUFFICES,
        /** The best quick model beats every rule by more than the tolerance, significantly over the folds. */
        ML_HELPS,
        /** Nothing beats the trivial baselines by more than the tolerance: the features do not predict the label. */
        NO_SIGNAL,
        /** The learning curve still rises at full size: collect more rows before judging. */
        MORE_DATA_LIKELY_HELPS
    }

    /** What kind of candidate a score belongs to. */
    public enum Kind {
        /** A trivial baseline that ignores the features. */
        BASELINE,
        /** A readable rule. */
        RULE,
        /** A quick standard model. */
        MODEL
    }

    /**
     * What data there is.
     *
     * @param rows rows in the frame
     * @param labelledRows rows with a label (the others were left out of scoring)
     * @param classCounts rows per class (classification)
     * @param labelSpread min, quartiles, max, mean and standard deviation of the label (regression; empty for classes)
     * @param missingShare the share of missing values per column
     * @param duplicateRows rows that repeat an earlier row exactly
     * @param constantColumns columns with at most one distinct value (left out)
     * @param identifierColumns columns that look like identifiers, unique per row (left out)
     * @param leakageSuspects features that alone predict the label almost perfectly, with their score
     * @param features the features the candidates learned from
     */
    public record DataSummary(int rows, int labelledRows, Map<String, Long> classCounts,
                              Map<String, Double> labelSpread, Map<String, Double> missingShare, int duplicateRows,
                              List<String> constantColumns, List<String> identifierColumns,
                              Map<String, Double> leakageSuspects, List<String> features) {
        /** Copies the collections. */
        public DataSummary {
            classCounts = Map.copyOf(classCounts);
            labelSpread = Map.copyOf(labelSpread);
            missingShare = Map.copyOf(missingShare);
            constantColumns = List.copyOf(constantColumns);
            identifierColumns = List.copyOf(identifierColumns);
            leakageSuspects = Map.copyOf(leakageSuspects);
            features = List.copyOf(features);
        }
    }

    /**
     * One candidate's cross-validated score.
     *
     * @param name its name ("majority", "tree depth 2", "logistic regression")
     * @param kind baseline, rule or model
     * @param mean the mean over folds
     * @param std the standard deviation over folds
     * @param foldScores the score on each held-out fold
     * @param p99LatencyMicros the 99th percentile of one-row prediction time of the candidate fitted on every row
     * @param sizeBytes the size of that fitted candidate (saved model, or the rule's text)
     */
    public record CandidateScore(String name, Kind kind, double mean, double std, List<Double> foldScores,
                                 double p99LatencyMicros, long sizeBytes) {
        /** Copies the list. */
        public CandidateScore {
            foldScores = List.copyOf(foldScores);
        }
    }

    /**
     * One point of a learning curve.
     *
     * @param candidate the candidate it belongs to
     * @param fraction the fraction of each training fold used
     * @param trainRows the mean rows trained on
     * @param mean the mean held-out score over folds
     * @param std its standard deviation
     */
    public record CurvePoint(String candidate, double fraction, int trainRows, double mean, double std) {
    }

    /**
     * One requirement checked against one candidate.
     *
     * @param requirement the requirement
     * @param candidate the candidate's name
     * @param measured the measured value
     * @param met whether it meets the requirement
     */
    public record RequirementCheck(Requirement requirement, String candidate, double measured, boolean met) {
    }

    /** A candidate's score by name. */
    public Optional<CandidateScore> candidate(String name) {
        return candidates.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The candidates that meet every requirement (every rule and model when none was stated). */
    @JsonIgnore
    public List<String> candidatesMeetingRequirements() {
        return candidates.stream().filter(c -> c.kind() != Kind.BASELINE)
                .filter(c -> requirements.stream().noneMatch(r -> r.candidate().equals(c.name()) && !r.met()))
                .map(CandidateScore::name).toList();
    }

    /** The report as text for a person: data, candidates, verdict, rule, requirements, fitness for use. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Data: %d rows (%d labelled), %d duplicate rows, %d features used%n",
                data.rows(), data.labelledRows(), data.duplicateRows(), data.features().size()));
        if (!data.classCounts().isEmpty()) {
            sb.append("  rows per class: ").append(new java.util.TreeMap<>(data.classCounts())).append('\n');
        } else {
            sb.append("  label spread: ").append(new java.util.TreeMap<>(data.labelSpread())).append('\n');
        }
        data.missingShare().entrySet().stream().filter(e -> e.getValue() > 0).sorted(Map.Entry.comparingByKey())
                .forEach(e -> sb.append(String.format(Locale.ROOT, "  missing in %s: %.1f%%%n", e.getKey(),
                        100 * e.getValue())));
        if (!data.constantColumns().isEmpty()) {
            sb.append("  constant columns (left out): ").append(data.constantColumns()).append('\n');
        }
        if (!data.identifierColumns().isEmpty()) {
            sb.append("  identifier-like columns (left out): ").append(data.identifierColumns()).append('\n');
        }
        if (!data.leakageSuspects().isEmpty()) {
            sb.append("  LEAKAGE SUSPECTS (one feature predicts the label almost perfectly): ")
                    .append(new java.util.TreeMap<>(data.leakageSuspects())).append('\n');
        }
        sb.append(String.format(Locale.ROOT, "%nCandidates (%s, %d-fold cross-validation):%n", metric,
                candidates.isEmpty() ? 0 : candidates.get(0).foldScores().size()));
        sb.append(String.format(Locale.ROOT, "  %-22s %-8s %8s %8s %12s %12s%n", "candidate", "kind", "mean", "std",
                "p99 latency", "size"));
        for (CandidateScore c : candidates) {
            sb.append(String.format(Locale.ROOT, "  %-22s %-8s %8.4f %8.4f %9.1f us %8d B%n", c.name(),
                    c.kind().name().toLowerCase(Locale.ROOT), c.mean(), c.std(), c.p99LatencyMicros(), c.sizeBytes()));
        }
        if (!curve.isEmpty()) {
            sb.append("Learning curve of ").append(curve.get(0).candidate()).append(":");
            for (CurvePoint p : curve) {
                sb.append(String.format(Locale.ROOT, " %d rows %.4f;", p.trainRows(), p.mean()));
            }
            sb.setLength(sb.length() - 1);
            sb.append('\n');
        }
        sb.append("\nVerdict: ").append(verdict).append(" - ").append(reason).append('\n');
        sb.append("Best rule (").append(bestRule).append("):\n").append(bestRuleText.indent(2));
        if (!requirements.isEmpty()) {
            sb.append("\nRequirements:\n");
            for (RequirementCheck r : requirements) {
                sb.append(String.format(Locale.ROOT, "  %-52s %-22s %12.4g %s%n", r.requirement().describe(),
                        r.candidate(), r.measured(), r.met() ? "met" : "NOT MET"));
            }
            sb.append("  meeting every requirement: ").append(candidatesMeetingRequirements()).append('\n');
        }
        for (Representativeness r : representativeness) {
            sb.append(String.format(Locale.ROOT, "%nRepresentativeness of %s: chi-squared %.2f, p=%.3g, %s%n",
                    r.column(), r.chiSquared(), r.pValue(), r.covered() ? "every group covered"
                            : "sparse groups " + r.sparseGroups()));
        }
        for (BiasReport b : bias) {
            sb.append('\n').append(b.summary());
        }
        return sb.toString();
    }

    /** The report as JSON. */
    public String toJson() {
        return Json.write(this);
    }

    /** A report written by {@link #toJson()}. */
    public static ScopingReport fromJson(String json) {
        return Json.read(json, ScopingReport.class);
    }

    /** Writes {@link #toJson()} to a file (through a temporary file, then a rename). */
    public void writeJson(Path path) {
        write(path, toJson());
    }

    /** Writes {@link #toHtmlPage()} to a file (through a temporary file, then a rename). */
    public void writeHtml(Path path) {
        write(path, toHtmlPage());
    }

    /** The report as an HTML fragment (tables, the rule), for a notebook or a page of one's own. */
    @Override
    public String toHtml() {
        return ScopingHtml.render(this);
    }

    /** The report as one self-contained HTML page (what {@link #writeHtml} writes). */
    public String toHtmlPage() {
        return ScopingHtml.page(this);
    }

    /** The verdict and its reason, for consoles beside the HTML. */
    @Override
    public String toText() {
        return summary();
    }

    private static void write(Path path, String text) {
        try {
            Path dir = path.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, path.getFileName().toString(), ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the scoping report to " + path + ": " + e.getMessage(), e);
        }
    }
}
