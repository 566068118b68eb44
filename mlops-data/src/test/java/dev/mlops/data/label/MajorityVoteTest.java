package dev.mlops.data.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.DoubleColumn;
import dev.mlops.api.FieldRole;
import dev.mlops.api.Frame;
import org.junit.jupiter.api.Test;

class MajorityVoteTest {

    @Test
    void label_majorityTiesAbstainsAndStatistics() {
        Frame f = Frame.of(DoubleColumn.of("amount", 100, 5000, 20000, 700, Double.NaN));
        LabelingFunction small = LabelingFunction.of("small", r -> r.getDouble("amount") < 1000 ? "good" : null);
        LabelingFunction big = LabelingFunction.of("big", r -> r.getDouble("amount") > 4000 ? "bad" : null);
        LabelingFunction huge = LabelingFunction.of("huge", r -> r.getDouble("amount") > 10000 ? "bad" : null);
        LabelingFunction contrarian = LabelingFunction.of("contrarian",
                r -> r.getDouble("amount") == 700 ? "bad" : null);
        MajorityVote.Result res = MajorityVote.of(small, big, huge, contrarian).label(f, "y");
        var y = res.frame().categorical("y");
        assertEquals(FieldRole.LABEL, y.field().role());
        assertEquals("good", y.getString(0));
        assertEquals("bad", y.getString(1));
        assertEquals("bad", y.getString(2));
        assertTrue(y.isMissing(3)); // good vs bad: a tie
        assertTrue(y.isMissing(4)); // NaN: everybody abstains
        LabelingReport rep = res.report();
        assertEquals(3, rep.labelled());
        assertEquals(1, rep.ties());
        assertEquals(1, rep.abstained());
        LabelingReport.FunctionStats s = rep.functions().get(0);
        assertEquals(0.4, s.coverage(), 1e-12);      // rows 0 and 3
        assertEquals(0.2, s.overlap(), 1e-12);       // row 3
        assertEquals(0.2, s.conflict(), 1e-12);      // row 3
        assertEquals(0.5, s.agreement(), 1e-12);     // agrees on row 0 only
        LabelingReport.FunctionStats b = rep.functions().get(1);
        assertEquals(0.4, b.coverage(), 1e-12);
        assertEquals(0.2, b.overlap(), 1e-12);       // row 2 with huge
        assertEquals(0.0, b.conflict(), 1e-12);
        assertEquals(0.6, rep.coverage(), 1e-12);
        assertTrue(rep.toJson().contains("\"contrarian\""));
    }
}
