package dev.mlops.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestReportTest {

    @Test
    void counts_alwaysAddUp_andSampleIsBounded() {
        qt().forAll(lists().of(booleans().all()).ofSizeBetween(0, 300), integers().between(0, 20))
                .check((outcomes, sampleSize) -> {
                    IngestReport.Builder b = IngestReport.newBuilder("test.csv", sampleSize);
                    long line = 1;
                    for (boolean ok : outcomes) {
                        line++;
                        if (ok) {
                            b.accept();
                        } else {
                            b.reject(line, "x", "bad", RejectReason.BAD_NUMBER, "not a number");
                        }
                    }
                    IngestReport r = b.build();
                    long rejected = outcomes.stream().filter(ok -> !ok).count();
                    return r.rowsRead() == outcomes.size() && r.rowsRead() == r.rowsAccepted() + r.rowsRejected()
                            && r.rowsRejected() == rejected && r.sample().size() == Math.min(rejected, sampleSize)
                            && r.rejectionsByReason().getOrDefault("bad-number", 0L) == rejected;
                });
    }

    @Test
    void constructor_countsThatDoNotAddUp_areRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new IngestReport("s", 3, 1, 1, Map.of(), Map.of(), java.util.List.of(), java.util.List.of()));
        assertTrue(e.getMessage().contains("read = accepted + rejected")
                && e.getMessage().contains("got 3 = 1 + 1"), e.getMessage());
    }

    @Test
    void summary_namesReasonsColumnsAndSampleRows() {
        IngestReport r = IngestReport.newBuilder("credit.csv").accept(2)
                .reject(7, "age", "abc", RejectReason.BAD_INTEGER, "not a whole number")
                .reject(9, null, "a,b", RejectReason.RAGGED_ROW, "2 values, header has 3")
                .note("inferred age as INTEGER").build();
        String s = r.summary();
        assertTrue(s.startsWith("credit.csv: 4 rows read, 2 accepted, 2 rejected"), s);
        assertTrue(s.contains("bad-integer=1") && s.contains("ragged-row=1"), s);
        assertTrue(s.contains("line 7, column 'age': bad-integer 'abc'"), s);
        assertTrue(s.contains("column '<row>'"), s);
        assertTrue(s.contains("note: inferred age as INTEGER"), s);
    }

    @Test
    void json_roundTrips() {
        IngestReport r = IngestReport.newBuilder("x").accept()
                .reject(3, "a", "?", RejectReason.MALFORMED, "unterminated quote").build();
        assertEquals(r, Json.read(Json.write(r), IngestReport.class));
    }

    @Test
    void dataException_messageNamesSourceLineColumnValueAndExpectation() {
        DataException e = new DataException("Bad number", "credit.csv", 12, "age", "4x", "a decimal number",
                "Fix the value or skip bad rows.", null);
        assertEquals("Bad number in credit.csv at line 12, column 'age': value '4x' (expected a decimal number)."
                + " Fix the value or skip bad rows.", e.getMessage());
        assertEquals(12, e.line());
        assertEquals("age", e.column().orElseThrow());
    }
}
