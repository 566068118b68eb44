package dev.mlops.data.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TextParsersTest {
    final TextParsers p = new TextParsers();

    @Test
    void parseDouble_anyDoubleToString_roundTripsExactly() {
        qt().forAll(doubles().any()).checkAssert(d -> {
            assertTrue(p.parseDouble(Double.toString(d)), Double.toString(d));
            assertEquals(Double.doubleToLongBits(d), Double.doubleToLongBits(p.doubleValue), Double.toString(d));
        });
    }

    @Test
    void parseDouble_plainDecimals_matchTheJdkParser() {
        qt().forAll(longs().all(), integers().between(0, 25)).checkAssert((unscaled, scale) -> {
            String text = BigDecimal.valueOf(unscaled, scale).toPlainString();
            assertTrue(p.parseDouble(text), text);
            assertEquals(Double.parseDouble(text), p.doubleValue, text);
        });
    }

    @Test
    void parseDouble_strictGrammar_rejectsJavaLiteralsAndJunk() {
        for (String bad : new String[] {"", "-", "+", ".", "1d", "1f", "0x10", "1_000", "1e", "1e+", "--1", "1.2.3",
                " 1", "1 ", "abc", "e5"}) {
            assertFalse(p.parseDouble(bad), bad);
        }
        for (String good : new String[] {"1", "-1", "+1.5", ".5", "5.", "1e3", "1E-3", "NaN", "-inf", "Infinity"}) {
            assertTrue(p.parseDouble(good), good);
        }
    }

    @Test
    void parseLong_fullRange_andOverflowRejected() {
        qt().forAll(longs().all()).checkAssert(v -> {
            assertTrue(p.parseLong(Long.toString(v)));
            assertEquals(v, p.longValue);
        });
        assertFalse(p.parseLong("9223372036854775808"));
        assertFalse(p.parseLong("-9223372036854775809"));
        assertTrue(p.parseLong("-9223372036854775808"));
        assertFalse(p.parseLong("1.0"));
        assertFalse(p.parseLong("+"));
    }

    @Test
    void parseTimestamp_fastAndGeneralForms_agreeWithJavaTime() {
        qt().forAll(integers().between(-50_000, 80_000), integers().between(0, 86_399)).checkAssert((day, sec) -> {
            LocalDate d = LocalDate.ofEpochDay(day);
            Instant expected = d.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(sec);
            String dt = expected.toString().replace("Z", "");
            if (d.getYear() >= 1000 && d.getYear() <= 9999) {
                assertTrue(p.parseTimestamp(d.toString()), d.toString());
                assertEquals(day * 86_400_000L, p.longValue);
                assertTrue(p.parseTimestamp(dt + "Z"), dt);
                assertEquals(expected.toEpochMilli(), p.longValue, dt);
                assertTrue(p.parseTimestamp(dt.replace('T', ' ')), dt);
                assertEquals(expected.toEpochMilli(), p.longValue, dt);
                assertTrue(p.parseTimestamp(dt + ".5+01:00"), dt);
                assertEquals(expected.toEpochMilli() + 500 - 3_600_000, p.longValue, dt);
            }
        });
    }

    @Test
    void parseTimestamp_invalidDates_areRejected() {
        for (String bad : new String[] {"2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10", "2024-01-01T24:00:00",
                "2024-01-01T12:60", "20240101", "2024/01/01", "2024-1-1", "x024-01-01"}) {
            assertFalse(p.parseTimestamp(bad), bad);
        }
        assertTrue(p.parseTimestamp("2024-02-29"));
    }
}
