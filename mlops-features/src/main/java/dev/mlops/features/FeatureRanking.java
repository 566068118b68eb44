package dev.mlops.features;

import dev.mlops.api.Frame;
import dev.mlops.api.HtmlRenderable;
import dev.mlops.api.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Feature columns ordered by a {@link FeatureSelector}, best first, with what produced the order: the method, its
 * settings and the fingerprint of the data it saw. Columns the method could not score are not in {@code scores};
 * {@code notes} says why (as it says why a column was dropped or rows were left out).
 *
 * <p>Immutable and thread-safe; serializes to JSON and back ({@link #toJson()}, {@link #fromJson(String)}).
 *
 * @param method the method, e.g. {@code mutual_information}
 * @param label the label column, or null for unsupervised methods
 * @param settings the method's settings, as text
 * @param dataFingerprint {@link Frame#fingerprint()} of the ranked frame
 * @param scores the scored features, best first
 * @param notes column name to a remark: why it was not scored or was dropped, or what was left out
 */
public record FeatureRanking(String method, String label, Map<String, String> settings, String dataFingerprint,
        List<FeatureScore> scores, Map<String, String> notes) implements HtmlRenderable {

    /** Copies the parts and checks that no feature repeats. */
    public FeatureRanking {
        Objects.requireNonNull(method, "method");
        settings = Map.copyOf(Objects.requireNonNull(settings, "settings"));
        Objects.requireNonNull(dataFingerprint, "dataFingerprint");
        scores = List.copyOf(Objects.requireNonNull(scores, "scores"));
        notes = Map.copyOf(notes == null ? Map.of() : notes);
        Set<String> seen = new HashSet<>();
        for (FeatureScore s : scores) {
            if (!seen.add(s.name())) {
                throw new IllegalArgumentException("Feature '" + s.name() + "' appears twice in a ranking");
            }
        }
    }

    /** The feature names, best first. */
    public List<String> names() {
        List<String> out = new ArrayList<>(scores.size());
        for (FeatureScore s : scores) {
            out.add(s.name());
        }
        return out;
    }

    /** The score of a feature, empty when it was not scored. */
    public OptionalDouble score(String feature) {
        for (FeatureScore s : scores) {
            if (s.name().equals(feature)) {
                return OptionalDouble.of(s.score());
            }
        }
        return OptionalDouble.empty();
    }

    /** The {@code k} best features (all of them when there are fewer). */
    public FeatureSelection top(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("top(k) needs k >= 0, got " + k);
        }
        return new FeatureSelection(label, names().subList(0, Math.min(k, scores.size())));
    }

    /** The features scoring strictly above a threshold (a variance threshold, for example), in ranking order. */
    public FeatureSelection aboveScore(double threshold) {
        List<String> out = new ArrayList<>();
        for (FeatureScore s : scores) {
            if (s.score() > threshold) {
                out.add(s.name());
            }
        }
        return new FeatureSelection(label, out);
    }

    /**
     * The shortest prefix of the ranking whose scores add up to at least {@code share} of the total (negative scores
     * count as 0). {@code share} is in {@code [0, 1]}.
     */
    public FeatureSelection cumulativeShare(double share) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("cumulativeShare(p) needs p in [0, 1], got " + share);
        }
        double total = 0;
        for (FeatureScore s : scores) {
            total += Math.max(0, s.score());
        }
        List<String> out = new ArrayList<>();
        double sum = 0;
        for (FeatureScore s : scores) {
            if (total > 0 && sum >= share * total) {
                break;
            }
            if (total <= 0 && share == 0) {
                break;
            }
            out.add(s.name());
            sum += Math.max(0, s.score());
        }
        return new FeatureSelection(label, out);
    }

    /** The ranking as JSON. */
    public String toJson() {
        return Json.write(this);
    }

    /** Reads a ranking written by {@link #toJson()}. */
    public static FeatureRanking fromJson(String json) {
        return Json.read(json, FeatureRanking.class);
    }

    /** A table of rank, feature and score, with the notes after it, for people to read. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s ranking against '%s' (%d features)%n", method, label, scores.size()));
        int width = 7;
        for (FeatureScore s : scores) {
            width = Math.max(width, s.name().length());
        }
        for (int i = 0; i < scores.size(); i++) {
            FeatureScore s = scores.get(i);
            sb.append(String.format(Locale.ROOT, "%3d  %-" + width + "s  %.6f%n", i + 1, s.name(), s.score()));
        }
        notes.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> sb.append("  note ").append(e.getKey()).append(": ").append(e.getValue())
                        .append(System.lineSeparator()));
        return sb.toString();
    }

    /** {@link #format()}. */
    @Override
    public String toText() {
        return format();
    }

    /** The ranking as a bar chart (one bar per feature, best first) with the notes, for notebooks. */
    @Override
    public String toHtml() {
        StringBuilder h = new StringBuilder("<h3>").append(HtmlRenderable.escape(method)).append(" ranking")
                .append(label == null ? "" : " against '" + HtmlRenderable.escape(label) + "'")
                .append("</h3><table><tr><th>rank</th><th>feature</th><th>score</th><th></th></tr>");
        double max = scores.stream().mapToDouble(FeatureScore::score).filter(Double::isFinite).max().orElse(1);
        for (int i = 0; i < scores.size(); i++) {
            FeatureScore s = scores.get(i);
            h.append("<tr><td class=\"num\">").append(i + 1).append("</td><td>")
                    .append(HtmlRenderable.escape(s.name())).append("</td><td class=\"num\">")
                    .append(String.format(Locale.ROOT, "%.6f", s.score())).append("</td><td>")
                    .append(HtmlRenderable.bar(s.score(), max, 240, s.name() + ": " + s.score())).append("</td></tr>");
        }
        h.append("</table>");
        notes.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> h.append("<div class=\"muted\">")
                .append(HtmlRenderable.escape(e.getKey() + ": " + e.getValue())).append("</div>"));
        return HtmlRenderable.fragment(h.toString());
    }
}
