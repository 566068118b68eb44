package dev.mlops.data.validate;

import dev.mlops.api.BooleanColumn;
import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.LongColumn;
import dev.mlops.api.Row;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.DoublePredicate;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** The evaluation of constraints and code-only predicates; package-private behind {@link Validator}. */
final class Checks {
    private Checks() {
    }

    /**
     * What a check found.
     *
     * @param passed   whether it held
     * @param observed what was seen
     * @param rows     the failing rows for row-level checks, null for whole-frame checks
     * @param message  why it failed
     */
    record Outcome(boolean passed, String observed, BitSet rows, String message) {
        long failing() {
            return rows == null ? 0 : rows.cardinality();
        }
    }

    /** One check a validator runs. */
    interface Check {
        String key();

        String name();

        String kind();

        String column();

        Severity severity();

        Outcome evaluate(Frame frame, Clock clock);
    }

    static double numeric(Column c, int r) {
        if (c.isMissing(r)) {
            return Double.NaN;
        }
        if (c instanceof DoubleColumn d) {
            return d.getDouble(r);
        }
        if (c instanceof LongColumn l) {
            return l.getLong(r);
        }
        if (c instanceof BooleanColumn b) {
            return b.getBoolean(r) ? 1 : 0;
        }
        return Double.NaN;
    }

    static String text(Column c, int r) {
        Object v = c.value(r);
        return v == null ? null : v.toString();
    }

    static Check of(Constraint constraint) {
        return new ConstraintCheck(constraint);
    }

    static Check rowPredicate(String description, List<String> columns, Predicate<Row> predicate,
                              Severity severity) {
        return new PredicateCheck(description, List.copyOf(columns), predicate, severity);
    }

    static Check valuePredicate(String column, String description, DoublePredicate predicate, Severity severity) {
        return new Check() {
            @Override
            public String key() {
                return "value:" + column + ":" + description;
            }

            @Override
            public String name() {
                return column + " " + description;
            }

            @Override
            public String kind() {
                return "predicate";
            }

            @Override
            public String column() {
                return column;
            }

            @Override
            public Severity severity() {
                return severity;
            }

            @Override
            public Outcome evaluate(Frame frame, Clock clock) {
                if (!frame.hasColumn(column)) {
                    return absent(column, frame);
                }
                Column c = frame.column(column);
                if (!c.type().isNumeric() && c.type() != FieldType.TIMESTAMP && c.type() != FieldType.BOOLEAN) {
                    return new Outcome(false, c.type().name(), null, column + " is " + c.type()
                            + "; a value predicate needs numbers");
                }
                BitSet bad = new BitSet();
                for (int r = 0; r < c.size(); r++) {
                    double v = numeric(c, r);
                    if (v == v && !predicate.test(v)) {
                        bad.set(r);
                    }
                }
                return rowOutcome(bad, c.size(), "values of " + column + " fail '" + description + "'");
            }
        };
    }

    static Outcome absent(String column, Frame frame) {
        return new Outcome(false, "absent", null, "there is no column '" + column + "'; the columns are "
                + frame.columnNames());
    }

    static Outcome rowOutcome(BitSet bad, int n, String what) {
        int k = bad.cardinality();
        return new Outcome(k == 0, k + " of " + n + " rows fail", bad,
                k == 0 ? "" : k + " " + what + "; see the sample rows, fix or quarantine them");
    }

    private record PredicateCheck(String name, List<String> columns, Predicate<Row> predicate, Severity severity)
            implements Check {
        @Override
        public String key() {
            return "row:" + name;
        }

        @Override
        public String kind() {
            return columns.isEmpty() ? "rowPredicate" : "crossColumnPredicate";
        }

        @Override
        public String column() {
            return String.join(",", columns);
        }

        @Override
        public Outcome evaluate(Frame frame, Clock clock) {
            for (String c : columns) {
                if (!frame.hasColumn(c)) {
                    return absent(c, frame);
                }
            }
            BitSet bad = new BitSet();
            for (int r = 0; r < frame.rowCount(); r++) {
                Row row = frame.row(r);
                boolean skip = false;
                for (String c : columns) {
                    if (row.isMissing(c)) {
                        skip = true; // missing values are completeness's business, not a predicate's
                        break;
                    }
                }
                if (!skip && !predicate.test(row)) {
                    bad.set(r);
                }
            }
            return rowOutcome(bad, frame.rowCount(), "rows fail '" + name + "'");
        }
    }

    private record ConstraintCheck(Constraint c) implements Check {
        @Override
        public String key() {
            return c.key();
        }

        @Override
        public String name() {
            return c.describe();
        }

        @Override
        public String kind() {
            return kindOf(c);
        }

        @Override
        public String column() {
            return c.column();
        }

        @Override
        public Severity severity() {
            return c.severity();
        }

        @Override
        public Outcome evaluate(Frame frame, Clock clock) {
            if (c instanceof Constraint.RowCount rc) {
                long n = frame.rowCount();
                boolean ok = n >= rc.min() && n <= rc.max();
                return new Outcome(ok, n + " rows", null, ok ? "" : "the frame has " + n
                        + " rows, outside [" + rc.min() + ", " + rc.max() + "]; check the source was read whole");
            }
            if (!frame.hasColumn(c.column())) {
                return absent(c.column(), frame);
            }
            Column col = frame.column(c.column());
            int n = col.size();
            if (c instanceof Constraint.TypeIs t) {
                boolean ok = col.type() == t.type();
                return new Outcome(ok, col.type().name(), null, ok ? "" : c.column() + " is " + col.type()
                        + " but the contract expects " + t.type() + "; cast it or fix the source's schema");
            }
            if (c instanceof Constraint.Completeness k) {
                long missing = col.missingCount();
                double share = n == 0 ? 0 : (double) missing / n;
                boolean ok = share <= k.maxMissingShare();
                String observed = String.format(Locale.ROOT, "%d missing (%.2f%%)", missing, share * 100);
                BitSet rows = null;
                if (k.maxMissingShare() == 0) {
                    rows = new BitSet();
                    for (int r = 0; r < n; r++) {
                        if (col.isMissing(r)) {
                            rows.set(r);
                        }
                    }
                }
                return new Outcome(ok, observed, rows, ok ? "" : c.column() + " has " + observed
                        + " missing values, more than the allowed " + k.maxMissingShare() * 100 + "%");
            }
            if (c instanceof Constraint.Range rg) {
                if (!col.type().isNumeric() && col.type() != FieldType.TIMESTAMP) {
                    return new Outcome(false, col.type().name(), null, c.column() + " is " + col.type()
                            + "; a range needs a number, integer or timestamp column");
                }
                BitSet bad = new BitSet();
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (int r = 0; r < n; r++) {
                    double v = numeric(col, r);
                    if (v != v) {
                        continue;
                    }
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                    if (v < rg.min() || v > rg.max()) {
                        bad.set(r);
                    }
                }
                Outcome o = rowOutcome(bad, n, "values of " + c.column() + " lie outside [" + rg.min() + ", "
                        + rg.max() + "]");
                String observed = min <= max ? "min " + fmt(min) + ", max " + fmt(max) + "; " + o.observed()
                        : "no values";
                return new Outcome(o.passed(), observed, bad, o.message());
            }
            if (c instanceof Constraint.AllowedValues av) {
                Set<String> allowed = new HashSet<>(av.values());
                BitSet bad = new BitSet();
                Set<String> unexpected = new java.util.TreeSet<>();
                if (col instanceof CategoricalColumn cat) {
                    boolean[] ok = new boolean[cat.dictionary().size()];
                    for (int i = 0; i < ok.length; i++) {
                        ok[i] = allowed.contains(cat.dictionary().get(i));
                    }
                    for (int r = 0; r < n; r++) {
                        int code = cat.code(r);
                        if (code >= 0 && !ok[code]) {
                            bad.set(r);
                            unexpected.add(cat.dictionary().get(code));
                        }
                    }
                } else {
                    for (int r = 0; r < n; r++) {
                        String s = text(col, r);
                        if (s != null && !allowed.contains(s)) {
                            bad.set(r);
                            unexpected.add(s);
                        }
                    }
                }
                Outcome o = rowOutcome(bad, n, "values of " + c.column() + " are outside the allowed set");
                String observed = unexpected.isEmpty() ? "all values allowed"
                        : unexpected.size() + " unexpected values " + first(unexpected, 5) + "; " + o.observed();
                return new Outcome(o.passed(), observed, bad, o.message());
            }
            if (c instanceof Constraint.Matches m) {
                Pattern p = Pattern.compile(m.regex());
                Map<String, Boolean> cache = new HashMap<>();
                BitSet bad = new BitSet();
                for (int r = 0; r < n; r++) {
                    String s = text(col, r);
                    if (s != null && !cache.computeIfAbsent(s, x -> p.matcher(x).matches())) {
                        bad.set(r);
                    }
                }
                return rowOutcome(bad, n, "values of " + c.column() + " do not match /" + m.regex() + "/");
            }
            if (c instanceof Constraint.Unique) {
                Map<Object, Integer> first = new HashMap<>();
                BitSet bad = new BitSet();
                long duplicated = 0;
                for (int r = 0; r < n; r++) {
                    Object v = col.value(r);
                    if (v == null) {
                        continue;
                    }
                    Integer prev = first.putIfAbsent(v, r);
                    if (prev != null) {
                        if (!bad.get(prev)) {
                            bad.set(prev);
                            duplicated++;
                        }
                        bad.set(r);
                    }
                }
                Outcome o = rowOutcome(bad, n, "rows share a value of " + c.column() + " with another row");
                return new Outcome(o.passed(), duplicated + " repeated values; " + o.observed(), bad, o.message());
            }
            if (c instanceof Constraint.Cardinality cd) {
                Set<Object> distinct = new HashSet<>();
                for (int r = 0; r < n; r++) {
                    Object v = col.value(r);
                    if (v != null) {
                        distinct.add(v);
                    }
                }
                long d = distinct.size();
                boolean ok = d >= cd.min() && d <= cd.max();
                return new Outcome(ok, d + " distinct values", null, ok ? "" : c.column() + " has " + d
                        + " distinct values, outside [" + cd.min() + ", " + cd.max() + "]");
            }
            if (c instanceof Constraint.Freshness f) {
                if (col.type() != FieldType.TIMESTAMP) {
                    return new Outcome(false, col.type().name(), null, c.column() + " is " + col.type()
                            + "; freshness needs a TIMESTAMP column");
                }
                LongColumn ts = (LongColumn) col;
                long newest = Long.MIN_VALUE;
                for (int r = 0; r < n; r++) {
                    if (!ts.isMissing(r)) {
                        newest = Math.max(newest, ts.getLong(r));
                    }
                }
                if (newest == Long.MIN_VALUE) {
                    return new Outcome(false, "no timestamps", null, c.column()
                            + " holds no timestamp, so the data's age is unknown");
                }
                Instant now = clock.instant();
                Duration age = Duration.between(Instant.ofEpochMilli(newest), now);
                boolean ok = age.compareTo(f.maxAgeDuration()) <= 0;
                return new Outcome(ok, "newest " + Instant.ofEpochMilli(newest) + ", age " + age, null,
                        ok ? "" : "the newest " + c.column() + " is " + age + " old at " + now + ", older than "
                                + f.maxAge() + "; refresh the data");
            }
            if (c instanceof Constraint.Finite) {
                if (!col.type().isNumeric()) {
                    return new Outcome(false, col.type().name(), null, c.column() + " is " + col.type()
                            + "; a finiteness rule needs a number column");
                }
                BitSet bad = new BitSet();
                for (int r = 0; r < n; r++) {
                    if (Double.isInfinite(numeric(col, r))) {
                        bad.set(r);
                    }
                }
                return rowOutcome(bad, n, "values of " + c.column() + " are infinite, which the reference never"
                        + " was; find the division by zero or overflow upstream, or drop those rows");
            }
            if (c instanceof Constraint.MissingShare ms) {
                long missing = col.missingCount();
                double share = n == 0 ? 0 : (double) missing / n;
                double limit = ms.limit(n);
                boolean ok = share <= limit;
                String observed = String.format(Locale.ROOT, "%d of %d missing (%.2f%%), at most %.2f%% expected",
                        missing, n, share * 100, limit * 100);
                return new Outcome(ok, observed, null, ok ? "" : c.column() + " has " + observed
                        + " from the reference's " + ms.referenceMissing() + " of " + ms.referenceRows()
                        + " rows: more than sampling explains; check the source for a dropped field or a failed join");
            }
            if (c instanceof Constraint.NewValueShare nv) {
                Set<String> known = new HashSet<>(nv.values());
                long present = 0;
                long unseen = 0;
                Set<String> unexpected = new java.util.TreeSet<>();
                for (int r = 0; r < n; r++) {
                    String s = text(col, r);
                    if (s != null) {
                        present++;
                        if (!known.contains(s)) {
                            unseen++;
                            unexpected.add(s);
                        }
                    }
                }
                double share = present == 0 ? 0 : (double) unseen / present;
                double limit = nv.limit(present);
                boolean ok = share <= limit;
                String observed = String.format(Locale.ROOT, "%d of %d values new (%.2f%%), at most %.2f%% expected",
                        unseen, present, share * 100, limit * 100)
                        + (unexpected.isEmpty() ? "" : " " + first(unexpected, 5));
                return new Outcome(ok, observed, null, ok ? "" : c.column() + " has " + observed
                        + ": more new values than sampling explains; a category was renamed or the source changed");
            }
            if (c instanceof Constraint.Mean mn) {
                if (!col.type().isNumeric() && col.type() != FieldType.TIMESTAMP) {
                    return new Outcome(false, col.type().name(), null, c.column() + " is " + col.type()
                            + "; a mean needs a number, integer or timestamp column");
                }
                double[] values = new double[n];
                int m = 0;
                for (int r = 0; r < n; r++) {
                    double v = numeric(col, r);
                    if (Double.isFinite(v)) {
                        values[m++] = v;
                    }
                }
                if (m == 0) {
                    return new Outcome(true, "no values", null, "");
                }
                dev.mlops.data.profile.Moments mo = dev.mlops.data.profile.Moments.of(values, 0, m);
                double tolerance = mn.tolerance(m, mo.stdDev());
                boolean ok = Math.abs(mo.mean() - mn.mean()) <= tolerance;
                String observed = "mean " + round6(mo.mean()) + " of " + m + " values, allowed "
                        + round6(mn.mean() - tolerance) + " to " + round6(mn.mean() + tolerance);
                return new Outcome(ok, observed, null, ok ? "" : "the " + observed + ": the values of " + c.column()
                        + " moved further than sampling explains; check units, scaling or the source");
            }
            throw new IllegalStateException("Unknown constraint " + c);
        }
    }

    static String kindOf(Constraint c) {
        com.fasterxml.jackson.annotation.JsonSubTypes types =
                Constraint.class.getAnnotation(com.fasterxml.jackson.annotation.JsonSubTypes.class);
        for (com.fasterxml.jackson.annotation.JsonSubTypes.Type t : types.value()) {
            if (t.value() == c.getClass()) {
                return t.name();
            }
        }
        return c.getClass().getSimpleName();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** Six significant digits, for computed statistics. */
    private static String round6(double v) {
        return Double.isFinite(v) ? new java.math.BigDecimal(v).round(new java.math.MathContext(6))
                .stripTrailingZeros().toPlainString() : Double.toString(v);
    }

    private static String first(Set<String> values, int k) {
        return values.stream().limit(k).toList() + (values.size() > k ? "..." : "");
    }
}
