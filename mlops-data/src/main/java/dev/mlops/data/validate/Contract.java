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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
     * The contract a reference frame satisfies: each column's type and completeness, numeric ranges widened by the
     * margin, allowed sets of low-cardinality categories, uniqueness of id-like columns, and a row-count range.
     */
    public static Contract inferFrom(Frame reference, InferenceOptions options) {
        List<Constraint> out = new ArrayList<>();
        long n = reference.rowCount();
        out.add(new Constraint.RowCount((long) Math.floor(n / options.rowCountFactor()),
                (long) Math.min(Long.MAX_VALUE / 2, Math.ceil(n * options.rowCountFactor())), Severity.WARNING));
        for (Column c : reference.columns()) {
            String name = c.name();
            out.add(new Constraint.TypeIs(name, c.type(), Severity.ERROR));
            double missingShare = n == 0 ? 0 : (double) c.missingCount() / n;
            out.add(new Constraint.Completeness(name,
                    missingShare == 0 ? 0 : Math.min(1, missingShare + options.missingShareSlack()), Severity.ERROR));
            if ((c.type() == FieldType.NUMERIC || c.type() == FieldType.INTEGER) && c.missingCount() < n) {
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (int r = 0; r < c.size(); r++) {
                    double v = Checks.numeric(c, r);
                    if (Double.isFinite(v)) {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                }
                if (min <= max) {
                    double span = max > min ? max - min : Math.max(Math.abs(max), 1);
                    double lo = min - options.rangeMargin() * span;
                    double hi = max + options.rangeMargin() * span;
                    if (c.type() == FieldType.INTEGER) {
                        lo = Math.floor(lo);
                        hi = Math.ceil(hi);
                    }
                    out.add(new Constraint.Range(name, lo, hi, Severity.ERROR));
                }
            }
            boolean idLike = c.field().role() == FieldRole.ID
                    || (ID_NAME.matcher(name).find() && c.missingCount() == 0 && n > 1
                    && (c.type() == FieldType.INTEGER || c.type() == FieldType.TEXT
                    || c.type() == FieldType.CATEGORICAL) && distinct(c).size() == n);
            if (idLike) {
                out.add(new Constraint.Unique(name, Severity.ERROR));
            } else if (c.type() == FieldType.CATEGORICAL || c.type() == FieldType.TEXT) {
                Set<String> values = distinct(c);
                if (!values.isEmpty() && values.size() <= options.maxCategories()) {
                    out.add(new Constraint.AllowedValues(name, new ArrayList<>(new TreeSet<>(values)),
                            Severity.ERROR));
                }
            }
        }
        return of(out);
    }

    private static Set<String> distinct(Column c) {
        Set<String> out = new HashSet<>();
        if (c instanceof CategoricalColumn cat) {
            int[] counts = cat.codeCounts();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] > 0) {
                    out.add(cat.dictionary().get(i));
                }
            }
            return out;
        }
        for (int r = 0; r < c.size(); r++) {
            if (!c.isMissing(r)) {
                out.add(String.valueOf(c.value(r)));
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
