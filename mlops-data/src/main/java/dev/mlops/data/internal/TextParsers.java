package dev.mlops.data.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * Parses cell text into primitives without allocating on the common path. One instance per column: the parsed
 * value is left in a field ({@link #doubleValue}, {@link #longValue}) so that no boxing or result object is needed.
 *
 * <p>Numbers follow a strict decimal grammar ({@code [+-]digits[.digits][(e|E)[+-]digits]}, plus {@code NaN},
 * {@code Infinity} and {@code inf} in any case), so that {@code 1d}, {@code 0x10} or {@code 1_000}, which
 * {@link Double#parseDouble} or Java literals would accept, are not silently read as numbers. Infinities (and
 * literals beyond the doubles, such as {@code 1e309}) parse, so type inference sees a number column, but the
 * sources then refuse such cells as {@code non-finite} (decision 080). Not thread-safe.
 */
public final class TextParsers {
    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
        1e19, 1e20, 1e21, 1e22};

    /**
     * ISO-8601 date-times: a date, {@code T} or a space, a time with optional seconds and fraction, and an
     * optional offset ({@code Z}, {@code +01:00}).
     */
    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendOffsetId().optionalEnd()
            .toFormatter(Locale.ROOT);

    /** The last double parsed. */
    public double doubleValue;
    /** The last long (or epoch milliseconds) parsed. */
    public long longValue;

    /** Parses a whole number that fits in 64 bits into {@link #longValue}; false when the text is not one. */
    public boolean parseLong(CharSequence s) {
        int len = s.length();
        if (len == 0) {
            return false;
        }
        int i = 0;
        boolean negative = false;
        char c = s.charAt(0);
        if (c == '-' || c == '+') {
            negative = c == '-';
            i = 1;
            if (len == 1) {
                return false;
            }
        }
        // Accumulate negatively so that Long.MIN_VALUE fits.
        long result = 0;
        long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
        long multMin = limit / 10;
        for (; i < len; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9 || result < multMin) {
                return false;
            }
            result *= 10;
            if (result < limit + d) {
                return false;
            }
            result -= d;
        }
        longValue = negative ? result : -result;
        return true;
    }

    /** Parses a decimal number into {@link #doubleValue}; false when the text is not one. */
    public boolean parseDouble(CharSequence s) {
        int len = s.length();
        if (len == 0) {
            return false;
        }
        int i = 0;
        boolean negative = false;
        char c = s.charAt(0);
        if (c == '-' || c == '+') {
            negative = c == '-';
            i = 1;
        }
        long mantissa = 0;
        int significant = 0;
        int exponent = 0;
        boolean any = false;
        for (; i < len; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                break;
            }
            any = true;
            if (significant < 18) {
                mantissa = mantissa * 10 + d;
                if (mantissa != 0) {
                    significant++;
                }
            } else {
                exponent++;
                significant++;
            }
        }
        if (i < len && s.charAt(i) == '.') {
            i++;
            for (; i < len; i++) {
                int d = s.charAt(i) - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                any = true;
                if (significant < 18) {
                    mantissa = mantissa * 10 + d;
                    exponent--;
                    if (mantissa != 0) {
                        significant++;
                    }
                } else {
                    significant++;
                }
                }
        }
        if (!any) {
            return parseSpecial(s, i == 1 && (c == '-' || c == '+') ? 1 : 0, negative);
        }
        if (i < len) {
            c = s.charAt(i);
            if (c != 'e' && c != 'E') {
                return false;
            }
            i++;
            if (i == len) {
                return false;
            }
            boolean expNegative = false;
            c = s.charAt(i);
            if (c == '-' || c == '+') {
                expNegative = c == '-';
                i++;
                if (i == len) {
                    return false;
                }
            }
            int e = 0;
            for (; i < len; i++) {
                int d = s.charAt(i) - '0';
                if (d < 0 || d > 9) {
                    return false;
                }
                if (e < 100_000) {
                    e = e * 10 + d;
                }
            }
            exponent += expNegative ? -e : e;
        }
        if (significant <= 15 && exponent >= -22 && exponent <= 22) {
            // Clinger's fast path: both the mantissa and the power of ten are exact doubles, so one rounding.
            double v = mantissa;
            v = exponent < 0 ? v / POWERS_OF_TEN[-exponent] : v * POWERS_OF_TEN[exponent];
            doubleValue = negative ? -v : v;
            return true;
        }
        // Rare: many digits or a large exponent. The grammar is checked, so the JDK parser agrees on validity.
        doubleValue = Double.parseDouble(s.toString());
        return true;
    }

    private boolean parseSpecial(CharSequence s, int from, boolean negative) {
        String rest = s.subSequence(from, s.length()).toString();
        if (rest.equalsIgnoreCase("nan")) {
            doubleValue = Double.NaN;
            return true;
        }
        if (rest.equalsIgnoreCase("inf") || rest.equalsIgnoreCase("infinity")) {
            doubleValue = negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            return true;
        }
        return false;
    }

    /** Whether the text is {@code true} or {@code false} in any case; the value goes to {@link #longValue} (1/0). */
    public boolean parseBoolean(CharSequence s) {
        if (s.length() == 4 && matches(s, "true")) {
            longValue = 1;
            return true;
        }
        if (s.length() == 5 && matches(s, "false")) {
            longValue = 0;
            return true;
        }
        return false;
    }

    /**
     * Parses an ISO-8601 date ({@code 2024-03-01}, midnight UTC) or date-time ({@code 2024-03-01T12:30},
     * {@code 2024-03-01 12:30:15.250}, {@code 2024-03-01T12:30:15Z}, {@code 2024-03-01T12:30:15+02:00}; no offset
     * means UTC) into epoch milliseconds in {@link #longValue}.
     */
    public boolean parseTimestamp(CharSequence s) {
        int len = s.length();
        if (len < 10 || s.charAt(4) != '-' || s.charAt(7) != '-' || !isDigit(s.charAt(0)) || !isDigit(s.charAt(9))) {
            return false;
        }
        if (len == 10 || (len == 19 || len == 20 && s.charAt(19) == 'Z') && s.charAt(13) == ':' && s.charAt(16) == ':'
                && (s.charAt(10) == 'T' || s.charAt(10) == ' ')) {
            // The common forms without DateTimeFormatter, which costs about a microsecond per value.
            int year = digits(s, 0, 4);
            int month = digits(s, 5, 2);
            int day = digits(s, 8, 2);
            if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31) {
                return false;
            }
            if (day > 28 && day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
                return false;
            }
            long millis = LocalDate.of(year, month, day).toEpochDay() * 86_400_000L;
            if (len > 10) {
                int hour = digits(s, 11, 2);
                int minute = digits(s, 14, 2);
                int second = digits(s, 17, 2);
                if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
                    return false;
                }
                millis += ((hour * 60L + minute) * 60L + second) * 1000L;
            }
            longValue = millis;
            return true;
        }
        try {
            TemporalAccessor t = DATE_TIME.parse(s);
            LocalDateTime local = LocalDateTime.of(LocalDate.from(t), java.time.LocalTime.from(t));
            if (t.isSupported(ChronoField.OFFSET_SECONDS)) {
                longValue = local.toInstant(ZoneOffset.ofTotalSeconds(t.get(ChronoField.OFFSET_SECONDS)))
                        .toEpochMilli();
            } else {
                longValue = local.toInstant(ZoneOffset.UTC).toEpochMilli();
            }
            return true;
        } catch (DateTimeParseException | ArithmeticException e) {
            return false;
        }
    }

    /** Epoch milliseconds of an instant, for sources that hand over {@code java.time} values. */
    public static long millis(Instant instant) {
        return instant.toEpochMilli();
    }

    /** Whether {@code s} is {@code lower} in any case ({@code lower} is lower-case ASCII of the same length). */
    private static boolean matches(CharSequence s, String lower) {
        for (int i = 0; i < lower.length(); i++) {
            if ((s.charAt(i) | 0x20) != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The value of {@code n} decimal digits at {@code from}, or -1 when one is not a digit. */
    private static int digits(CharSequence s, int from, int n) {
        int v = 0;
        for (int i = from; i < from + n; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
