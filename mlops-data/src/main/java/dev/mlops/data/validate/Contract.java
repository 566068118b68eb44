package dev.mlops.data.validate;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.DataException;
import dev.mlops.api.FieldRole;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.Json;
import dev.mlops.data.profile.Moments;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A saved set of {@link Constraint}s: inferred from a reference frame, edited in code or as JSON, loaded back and
 * validated through a {@link Validator}. Holds at most one constraint per kind and column.
 *
 * <p>Immutable and thread-safe.
 *
 * @param formatVersion the version of the JSON form (1)
 * @param constraints   the rules, in order
 */
public record Contract(int formatVersion, List<Constraint> constraints) {
    /** The version of the JSON form this code writes. */
    public static final int FORMAT_VERSION = 1;
    private static final Pattern ID_NAME = Pattern.compile("(?i)^(id|uuid|guid|key)$|[_\\-. ](id|uuid|key)$|[a-z]Id$");

    /** Checks the version and copies the rules, keeping the last rule of each kind and column. */
    @JsonCreator
    public Contract(@JsonProperty("formatVersion") int formatVersion,
                    @JsonProperty("constraints") List<Constraint> constraints) {
        if (formatVersion != FORMAT_VERSION) {
            throw new IllegalArgumentException("This contract has formatVersion " + formatVersion
                    + " but this SDK reads version " + FORMAT_VERSION);
        }
        Map<String, Constraint> byKey = new LinkedHashMap<>();
        for (Constraint c : constraints) {
            byKey.put(c.key(), c);
        }
        this.formatVersion = formatVersion;
        this.constraints = List.copyOf(byKey.values());
    }

    /** A contract of these rules. */
    public static Contract of(List<Constraint> constraints) {
        return new Contract(FORMAT_VERSION, constraints);
    }

    /** A contract with no rules. */
    public static Contract empty() {
        return of(List.of());
    }

    /** The contract a reference frame satisfies, with the default {@link InferenceOptions}. */
    public static Contract inferFrom(Frame reference) {
        return inferFrom(reference, InferenceOptions.DEFAULTS);
    }

    /**
     * The contract a reference frame satisfies and other samples of the same data satisfy too (decision 081):
     * each column's type; its missing share within sampling tolerance; for numbers a wide range (an error from {@link InferenceOptions#minDistributionValues()} values,
     * never below 0 for non-negative data), a mean within sampling tolerance and finiteness; for low-cardinality
     * labels the allowed set (a warning) and the share of new values within sampling tolerance; uniqueness of
     * id-like columns; and a row-count range.
     */
    public static Contract inferFrom(Frame reference, InferenceOptions options) {
        List<Constraint> out = new ArrayList<>();
        long n = reference.rowCount();
        out.add(new Constraint.RowCount((long) Math.floor(n / options.rowCountFactor()),
                (long) Math.min(Long.MAX_VALUE / 2, Math.ceil(n * options.rowCountFactor())), Severity.WARNING));
        for (Column c : reference.columns()) {
            String name = c.name();
            out.add(new Constraint.TypeIs(name, c.type(), Severity.ERROR));
            out.add(new Constraint.MissingShare(name, n, c.missingCount(), options.missingShareSlack(),
                    options.confidence(), Severity.ERROR));
            if (c.type() == FieldType.NUMERIC || c.type() == FieldType.INTEGER) {
                inferNumeric(c, options, out);
            }
            boolean idLike = c.field().role() == FieldRole.ID
                    || (ID_NAME.matcher(name).find() && c.missingCount() == 0 && n > 1
                    && (c.type() == FieldType.INTEGER || c.type() == FieldType.TEXT
                    || c.type() == FieldType.CATEGORICAL) && valueCounts(c).size() == n);
            if (idLike) {
                out.add(new Constraint.Unique(name, Severity.ERROR));
            } else if (c.type() == FieldType.CATEGORICAL || c.type() == FieldType.TEXT) {
                Map<String, Long> counts = valueCounts(c);
                if (!counts.isEmpty() && counts.size() <= options.maxCategories()) {
                    List<String> values = new ArrayList<>(new TreeSet<>(counts.keySet()));
                    long singletons = counts.values().stream().filter(k -> k == 1).count();
                    out.add(new Constraint.AllowedValues(name, values, Severity.WARNING));
                    out.add(new Constraint.NewValueShare(name, values, c.size() - c.missingCount(), singletons,
                            options.missingShareSlack(), options.confidence(), Severity.ERROR));
                }
            }
        }
        return of(perRuleConfidence(out, options.confidence()));
    }

    /**
     * The sampling rules with the contract's confidence shared out among them (Bonferroni): with k such rules each
     * holds at {@code 1 - (1 - confidence) / k}, so a sample of the same data fails any of them at most
     * {@code 1 - confidence} of the time, however many columns the frame has.
     */
    private static List<Constraint> perRuleConfidence(List<Constraint> rules, double confidence) {
        long k = rules.stream().filter(r -> r instanceof Constraint.MissingShare || r instanceof Constraint.Mean
                || r instanceof Constraint.NewValueShare).count();
        double each = 1 - (1 - confidence) / Math.max(1, k);
        List<Constraint> out = new ArrayList<>(rules.size());
        for (Constraint r : rules) {
            if (r instanceof Constraint.MissingShare m) {
                r = new Constraint.MissingShare(m.column(), m.referenceRows(), m.referenceMissing(), m.slack(), each,
                        m.severity());
            } else if (r instanceof Constraint.Mean m) {
                r = new Constraint.Mean(m.column(), m.referenceValues(), m.mean(), m.stdDev(), each, m.severity());
            } else if (r instanceof Constraint.NewValueShare v) {
                r = new Constraint.NewValueShare(v.column(), v.values(), v.referenceValues(),
                        v.referenceSingletons(), v.slack(), each, v.severity());
            }
            out.add(r);
        }
        return out;
    }

    /** Range, mean and finiteness of a number column. */
    private static void inferNumeric(Column c, InferenceOptions options, List<Constraint> out) {
        double[] values = new double[c.size()];
        int m = 0;
        long infinite = 0;
        for (int r = 0; r < c.size(); r++) {
            double v = Checks.numeric(c, r);
            if (Double.isFinite(v)) {
                values[m++] = v;
            } else if (Double.isInfinite(v)) {
                infinite++;
            }
        }
        if (c.type() == FieldType.NUMERIC && infinite == 0) {
            out.add(new Constraint.Finite(c.name(), Severity.ERROR));
        }
        if (m == 0) {
            return;
        }
        Moments mo = Moments.of(values, 0, m);
        double min = mo.min();
        double max = mo.max();
        double span = max > min ? max - min : Math.max(Math.abs(max), 1);
        double lo = min - options.rangeMargin() * span;
        double hi = max + options.rangeMargin() * span;
        if (min == 0 || min > 0 && c.type() == FieldType.INTEGER) {
            // Data with a floor at 0 (amounts, zero-inflated measures) or non-negative whole numbers (counts, ages)
            // stays non-negative: a sign error is an error at any sample size. Positive reals without zeros get
            // no floor: a log-ratio seen only above 0 may still dip below it.
            lo = Math.max(lo, 0);
        }
        if (c.type() == FieldType.INTEGER) {
            lo = Math.floor(lo);
            hi = Math.ceil(hi);
        }
        boolean enough = m >= options.minDistributionValues();
        out.add(new Constraint.Range(c.name(), lo, hi, enough ? Severity.ERROR : Severity.WARNING));
        double sd = mo.stdDev();
        if (enough && sd > 0 && Double.isFinite(sd)) {
            out.add(new Constraint.Mean(c.name(), m, mo.mean(), sd, options.confidence(), Severity.ERROR));
        }
    }

    private static Map<String, Long> valueCounts(Column c) {
        Map<String, Long> out = new HashMap<>();
        if (c instanceof CategoricalColumn cat) {
            int[] counts = cat.codeCounts();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] > 0) {
                    out.merge(cat.dictionary().get(i), (long) counts[i], Long::sum);
                }
            }
            return out;
        }
        for (int r = 0; r < c.size(); r++) {
            if (!c.isMissing(r)) {
                out.merge(String.valueOf(c.value(r)), 1L, Long::sum);
            }
        }
        return out;
    }

    /** This contract with a rule added, replacing the rule of the same kind and column. */
    public Contract with(Constraint constraint) {
        List<Constraint> out = new ArrayList<>(constraints);
        out.add(constraint);
        return of(out);
    }

    /** This contract without the rules about a column. */
    public Contract without(String column) {
        List<Constraint> out = new ArrayList<>(constraints);
        out.removeIf(c -> c.column().equals(column));
        return of(out);
    }

    /** The rules about a column. */
    public List<Constraint> constraintsOn(String column) {
        return constraints.stream().filter(c -> c.column().equals(column)).toList();
    }

    /** The contract as JSON, for saving and editing. */
    public String toJson() {
        return Json.write(this);
    }

    /**
     * A contract read from JSON.
     *
     * @throws DataException naming the place in the text when it is not a contract
     */
    public static Contract fromJson(String json) {
        return Json.read(json, Contract.class);
    }
}
