package dev.mlops.data.clean;

import dev.mlops.api.BooleanColumn;
import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.DataException;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Field;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.LongColumn;
import dev.mlops.api.TextColumn;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One cleaning step: a frame in, a new frame out (frames are immutable). Compose steps with {@link #andThen}.
 *
 * <pre>{@code
 * Frame clean = CleaningStep.dropDuplicates()
 *         .andThen(CleaningStep.normalizeCategories("purpose", "housing"))
 *         .andThen(CleaningStep.flagOutliersIqr("credit_amount", 1.5))
 *         .apply(raw);
 * }</pre>
 */
@FunctionalInterface
public interface CleaningStep {

    /** Applies the step. */
    Frame apply(Frame frame);

    /** This step, then another. */
    default CleaningStep andThen(CleaningStep next) {
        return f -> next.apply(apply(f));
    }

    /** Drops rows equal in every column to an earlier row (missing equals missing); keeps the first. */
    static CleaningStep dropDuplicates() {
        return frame -> {
            Set<List<Object>> seen = new HashSet<>();
            int[] keep = new int[frame.rowCount()];
            int k = 0;
            for (int r = 0; r < frame.rowCount(); r++) {
                List<Object> key = new ArrayList<>(frame.columnCount());
                for (Column c : frame.columns()) {
                    key.add(c.value(r));
                }
                if (seen.add(key)) {
                    keep[k++] = r;
                }
            }
            return k == frame.rowCount() ? frame : frame.rows(Arrays.copyOf(keep, k));
        };
    }

    /** Trims and lower-cases (Locale.ROOT) the labels of categorical or text columns; blank labels become missing. */
    static CleaningStep normalizeCategories(String... columns) {
        return frame -> {
            Frame out = frame;
            for (String name : columns) {
                Column c = frame.column(name);
                if (c instanceof CategoricalColumn cat) {
                    CategoricalColumn.Builder b = CategoricalColumn.builder(cat.field(), cat.size());
                    for (int r = 0; r < cat.size(); r++) {
                        b.add(normalize(cat.getString(r)));
                    }
                    out = out.withColumn(b.build());
                } else if (c instanceof TextColumn t) {
                    TextColumn.Builder b = TextColumn.builder(t.field(), t.size());
                    for (int r = 0; r < t.size(); r++) {
                        b.add(normalize(t.getString(r)));
                    }
                    out = out.withColumn(b.build());
                } else {
                    throw new IllegalArgumentException("Column '" + name + "' is " + c.type()
                            + "; only categorical and text columns can be normalized");
                }
            }
            return out;
        };
    }

    private static String normalize(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip().toLowerCase(Locale.ROOT);
        return t.isEmpty() ? null : t;
    }

    /**
     * Adds a boolean column {@code <column>_outlier_iqr}: true where a value lies outside
     * {@code [Q1 - k IQR, Q3 + k IQR]} (quartiles by linear interpolation); missing where the value is.
     */
    static CleaningStep flagOutliersIqr(String column, double k) {
        return frame -> {
            double[] v = numbers(frame.column(column));
            double[] sorted = Arrays.stream(v).filter(x -> x == x).sorted().toArray();
            if (sorted.length == 0) {
                return frame.withColumn(flags(column + "_outlier_iqr", v, x -> false));
            }
            double q1 = quantile(sorted, 0.25);
            double q3 = quantile(sorted, 0.75);
            double lo = q1 - k * (q3 - q1);
            double hi = q3 + k * (q3 - q1);
            return frame.withColumn(flags(column + "_outlier_iqr", v, x -> x < lo || x > hi));
        };
    }

    /**
     * Adds a boolean column {@code <column>_outlier_z}: true where {@code |x - mean| / sd > z} (sample standard
     * deviation); missing where the value is.
     */
    static CleaningStep flagOutliersZScore(String column, double z) {
        return frame -> {
            double[] v = numbers(frame.column(column));
            double sum = 0;
            int n = 0;
            for (double x : v) {
                if (x == x) {
                    sum += x;
                    n++;
                }
            }
            double mean = sum / n;
            double ss = 0;
            for (double x : v) {
                if (x == x) {
                    ss += (x - mean) * (x - mean);
                }
            }
            double sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
            return frame.withColumn(flags(column + "_outlier_z", v,
                    x -> sd > 0 && Math.abs(x - mean) / sd > z));
        };
    }

    /**
     * Replaces a column by its values converted to another type (through their text form for text targets and
     * sources; numbers to integers must be whole).
     *
     * @throws DataException naming the column, row, value and target type when a value does not convert
     */
    static CleaningStep cast(String column, FieldType type) {
        return frame -> {
            Column c = frame.column(column);
            if (c.type() == type) {
                return frame;
            }
            Field field = c.field().withType(type);
            int n = c.size();
            Column out;
            switch (type) {
                case NUMERIC -> {
                    DoubleColumn.Builder b = DoubleColumn.builder(field, n);
                    for (int r = 0; r < n; r++) {
                        b.add(c.isMissing(r) ? Double.NaN : toDouble(c, r, type));
                    }
                    out = b.build();
                }
                case INTEGER, TIMESTAMP -> {
                    LongColumn.Builder b = LongColumn.builder(field, n);
                    for (int r = 0; r < n; r++) {
                        if (c.isMissing(r)) {
                            b.addMissing();
                        } else {
                            b.add(toLong(c, r, type));
                        }
                    }
                    out = b.build();
                }
                case BOOLEAN -> {
                    BooleanColumn.Builder b = BooleanColumn.builder(field);
                    for (int r = 0; r < n; r++) {
                        if (c.isMissing(r)) {
                            b.addMissing();
                            continue;
                        }
                        String s = String.valueOf(c.value(r)).strip().toLowerCase(Locale.ROOT);
                        switch (s) {
                            case "true", "1", "yes", "1.0" -> b.add(true);
                            case "false", "0", "no", "0.0" -> b.add(false);
                            default -> throw bad(c, r, type, null);
                        }
                    }
                    out = b.build();
                }
                case CATEGORICAL -> {
                    CategoricalColumn.Builder b = CategoricalColumn.builder(field, n);
                    for (int r = 0; r < n; r++) {
                        b.add(c.isMissing(r) ? null : c.format(r));
                    }
                    out = b.build();
                }
                case TEXT -> {
                    TextColumn.Builder b = TextColumn.builder(field, n);
                    for (int r = 0; r < n; r++) {
                        b.add(c.isMissing(r) ? null : c.format(r));
                    }
                    out = b.build();
                }
                default -> throw new IllegalStateException("Unknown type " + type);
            }
            return frame.withColumn(out);
        };
    }

    /**
     * Adds a categorical column {@code newColumn} naming the bucket of each numeric value: {@code "[a, b)"} for
     * consecutive edges, {@code "< e0"} and {@code ">= eLast"} outside; missing where the value is.
     */
    static CleaningStep bucketize(String column, String newColumn, double... edges) {
        for (int i = 1; i < edges.length; i++) {
            if (!(edges[i] > edges[i - 1])) {
                throw new IllegalArgumentException("Bucket edges must increase: " + Arrays.toString(edges));
            }
        }
        return frame -> {
            double[] v = numbers(frame.column(column));
            CategoricalColumn.Builder b = CategoricalColumn.builder(Field.categorical(newColumn), v.length);
            for (double x : v) {
                if (x != x) {
                    b.addMissing();
                    continue;
                }
                int i = 0;
                while (i < edges.length && x >= edges[i]) {
                    i++;
                }
                b.add(i == 0 ? "< " + num(edges[0]) : i == edges.length ? ">= " + num(edges[i - 1])
                        : "[" + num(edges[i - 1]) + ", " + num(edges[i]) + ")");
            }
            return frame.withColumn(b.build());
        };
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static double toDouble(Column c, int r, FieldType type) {
        if (c instanceof LongColumn l) {
            return l.getLong(r);
        }
        if (c instanceof BooleanColumn b) {
            return b.getBoolean(r) ? 1 : 0;
        }
        String s = String.valueOf(c.value(r)).strip();
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw bad(c, r, type, e);
        }
    }

    private static long toLong(Column c, int r, FieldType type) {
        if (c instanceof LongColumn l) {
            return l.getLong(r);
        }
        if (c instanceof DoubleColumn d) {
            double v = d.getDouble(r);
            if (v != Math.rint(v) || Math.abs(v) > 9.007199254740992E15) {
                throw bad(c, r, type, null);
            }
            return (long) v;
        }
        if (c instanceof BooleanColumn b) {
            return b.getBoolean(r) ? 1 : 0;
        }
        String s = String.valueOf(c.value(r)).strip();
        try {
            return type == FieldType.TIMESTAMP && !s.matches("-?\\d+") ? Instant.parse(s).toEpochMilli()
                    : Long.parseLong(s);
        } catch (NumberFormatException | DateTimeParseException e) {
            throw bad(c, r, type, e);
        }
    }

    private static DataException bad(Column c, int r, FieldType type, Exception cause) {
        String msg = "Cannot cast column '" + c.name() + "' to " + type + ": row " + r + " holds '" + c.value(r)
                + "'; fix the value or drop the row before casting";
        return cause == null ? new DataException(msg) : new DataException(msg, cause);
    }

    private static double[] numbers(Column c) {
        double[] out = new double[c.size()];
        for (int r = 0; r < out.length; r++) {
            if (c.isMissing(r)) {
                out[r] = Double.NaN;
            } else if (c instanceof DoubleColumn d) {
                out[r] = d.getDouble(r);
            } else if (c instanceof LongColumn l) {
                out[r] = l.getLong(r);
            } else {
                throw new IllegalArgumentException("Column '" + c.name() + "' is " + c.type() + ", not numeric");
            }
        }
        return out;
    }

    private static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static BooleanColumn flags(String name, double[] v, java.util.function.DoublePredicate outlier) {
        BooleanColumn.Builder b = BooleanColumn.builder(Field.bool(name));
        for (double x : v) {
            if (x != x) {
                b.addMissing();
            } else {
                b.add(outlier.test(x));
            }
        }
        return b.build();
    }
}
