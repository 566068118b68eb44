package dev.mlops.features.internal;

import dev.mlops.api.Frame;
import dev.mlops.features.FeatureRanking;
import dev.mlops.features.FeatureScore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Builds {@link FeatureRanking}s from score maps. */
public final class Rankings {
    private Rankings() {
    }

    /** The label, which must name a column of the frame. */
    public static String requireLabel(Frame frame, String label) {
        if (label == null) {
            throw new IllegalArgumentException("This method ranks features against a label; name the label column"
                    + " (the columns are " + frame.columnNames() + ")");
        }
        frame.column(label);
        return label;
    }

    /** The label if given (it must then exist), or null. */
    public static String optionalLabel(Frame frame, String label) {
        return label == null ? null : requireLabel(frame, label);
    }

    /** A ranking with the scores sorted best first (ties in frame order; NaN last). */
    public static FeatureRanking sorted(String method, Frame frame, String label, Map<String, String> settings,
            Map<String, Double> scores, Map<String, String> notes) {
        List<FeatureScore> list = toList(scores);
        list.sort(Comparator.comparingDouble((FeatureScore s) -> Double.isNaN(s.score())
                ? Double.NEGATIVE_INFINITY : s.score()).reversed());
        return new FeatureRanking(method, label, settings, frame.fingerprint(), list, notes);
    }

    /** A ranking in the order given. */
    public static FeatureRanking ordered(String method, Frame frame, String label, Map<String, String> settings,
            Map<String, Double> scores, Map<String, String> notes) {
        return new FeatureRanking(method, label, settings, frame.fingerprint(), toList(scores), notes);
    }

    private static List<FeatureScore> toList(Map<String, Double> scores) {
        List<FeatureScore> list = new ArrayList<>(scores.size());
        scores.forEach((k, v) -> list.add(new FeatureScore(k, v)));
        return list;
    }
}
