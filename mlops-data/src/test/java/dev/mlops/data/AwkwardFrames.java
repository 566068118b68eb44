package dev.mlops.data;

import dev.mlops.api.BooleanColumn;
import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Field;
import dev.mlops.api.FieldRole;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.LongColumn;
import dev.mlops.api.TextColumn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random frames for the sink round trips: every column type, missing values, doubles of every magnitude (subnormal,
 * -0.0, the largest; NaN only as missing), extreme integers, timestamps across years 0000-9999, and text that
 * breaks naive writers (quotes, delimiters, line breaks, tokens other tools read as missing, astral characters).
 */
final class AwkwardFrames {
    private static final FieldType[] TYPES = FieldType.values();
    private static final String[] NAMES = {"amount", "a b", "x,y", "q\"uote", "semi;colon", "é", "日本", "a.b", "tab\tname",
        "it's"};
    private static final String[] STRINGS = {"", " ", "a,b", "a;b", "\"quoted\"", "it's", "''", "line\nbreak",
        "cr\rlf\r\n", "tab\tsep", "NA", "?", "null", "\\N", "NaN", "é", "日本語", "😀 emoji", "\u2028sep", "nul\u0000",
        "  padded  ", "#comment", "=1+1", "true", "123", "1e5", "2024-01-01", "\\", "{\"json\": [1]}"};
    private static final double[] DOUBLES = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL,
        Double.MAX_VALUE, -Double.MAX_VALUE, 0.1, 1.0 / 3, 1e23, 9007199254740993.0, 1e-7, 100, -1.5e300};
    private static final long[] LONGS = {0, -1, 1, Long.MIN_VALUE, Long.MAX_VALUE, (1L << 53) + 1};
    private static final long FIRST_MILLI = Instant.parse("0000-01-01T00:00:00Z").toEpochMilli();
    private static final long LAST_MILLI = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();

    private AwkwardFrames() {
    }

    /**
     * A frame of 1 to 5 columns and {@code rows} rows from {@code seed}; strings equal to {@code forbidden} (the
     * token a sink writes for missing) are replaced, since a sink refuses them.
     */
    static Frame frame(long seed, int rows, String forbidden) {
        Random random = new Random(seed);
        int columns = 1 + random.nextInt(5);
        List<Column> out = new ArrayList<>();
        List<String> names = new ArrayList<>(List.of(NAMES));
        java.util.Collections.shuffle(names, random);
        for (int i = 0; i < columns; i++) {
            FieldRole role = i == 0 && random.nextBoolean() ? FieldRole.LABEL : FieldRole.FEATURE;
            Field field = new Field(names.get(i), TYPES[random.nextInt(TYPES.length)], true, role);
            out.add(column(field, rows, random, forbidden));
        }
        return Frame.of(out);
    }

    private static Column column(Field field, int rows, Random random, String forbidden) {
        double missingShare = random.nextInt(3) * 0.2;
        switch (field.type()) {
            case NUMERIC -> {
                DoubleColumn.Builder b = DoubleColumn.builder(field, rows);
                for (int r = 0; r < rows; r++) {
                    b.add(random.nextDouble() < missingShare ? Double.NaN : aDouble(random));
                }
                return b.build();
            }
            case INTEGER, TIMESTAMP -> {
                LongColumn.Builder b = LongColumn.builder(field, rows);
                for (int r = 0; r < rows; r++) {
                    if (random.nextDouble() < missingShare) {
                        b.addMissing();
                    } else if (field.type() == FieldType.TIMESTAMP) {
                        b.add(FIRST_MILLI + (long) (random.nextDouble() * (LAST_MILLI - FIRST_MILLI)));
                    } else {
                        b.add(random.nextBoolean() ? LONGS[random.nextInt(LONGS.length)] : random.nextLong());
                    }
                }
                return b.build();
            }
            case BOOLEAN -> {
                BooleanColumn.Builder b = BooleanColumn.builder(field);
                for (int r = 0; r < rows; r++) {
                    if (random.nextDouble() < missingShare) {
                        b.addMissing();
                    } else {
                        b.add(random.nextBoolean());
                    }
                }
                return b.build();
            }
            case CATEGORICAL -> {
                CategoricalColumn.Builder b = CategoricalColumn.builder(field, rows);
                for (int r = 0; r < rows; r++) {
                    b.add(random.nextDouble() < missingShare ? null : aString(random, forbidden));
                }
                return b.build();
            }
            default -> {
                TextColumn.Builder b = TextColumn.builder(field, rows);
                for (int r = 0; r < rows; r++) {
                    b.add(random.nextDouble() < missingShare ? null : aString(random, forbidden));
                }
                return b.build();
            }
        }
    }

    /** A finite double: an extreme, or any bit pattern (subnormals included); NaN becomes missing in the column. */
    private static double aDouble(Random random) {
        if (random.nextBoolean()) {
            return DOUBLES[random.nextInt(DOUBLES.length)];
        }
        double v = Double.longBitsToDouble(random.nextLong());
        return Double.isInfinite(v) ? Double.MAX_VALUE : v;
    }

    private static String aString(Random random, String forbidden) {
        String s;
        if (random.nextBoolean()) {
            s = STRINGS[random.nextInt(STRINGS.length)];
        } else {
            StringBuilder b = new StringBuilder();
            for (int n = random.nextInt(8); n > 0; n--) {
                int cp = random.nextInt(4) == 0 ? 0x10000 + random.nextInt(0x10000) : random.nextInt(0xD800);
                b.appendCodePoint(cp);
            }
            s = b.toString();
        }
        return s.equals(forbidden) ? s + "!" : s;
    }
}
