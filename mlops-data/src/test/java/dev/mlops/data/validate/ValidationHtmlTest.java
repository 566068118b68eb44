package dev.mlops.data.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Frame;
import dev.mlops.data.profile.Profile;
import org.junit.jupiter.api.Test;

class ValidationHtmlTest {
    static final Frame FRAME = Frame.of(DoubleColumn.of("age", 31, 250, Double.NaN, 40),
            CategoricalColumn.of("class", "good", "bad", "good", "<bad>"));

    @Test
    void toHtml_failureFirstWithItsRowsAndWhatToDo_passedFoldedAway() {
        ValidationReport r = Validator.create().expect("age").between(18, 100).expect("class").notNull()
                .validate(FRAME, "people.csv");
        String html = r.toHtml();
        assertTrue(html.contains("Validation of people.csv") && html.contains("FAILED"), html);
        assertTrue(html.indexOf(">FAIL<") < html.indexOf("<details>"), "failures come before the passed ones");
        assertTrue(html.contains("#1 = 250"), "the failing row and its value: " + html);
        assertTrue(html.contains("1 passed constraints</summary>"), html);
        assertEquals(r.summary(), r.toText());
    }

    @Test
    void profileToHtml_aRowPerColumnWithHistogramOrTopValues() {
        String html = Profile.of(FRAME).toHtml();
        assertTrue(html.contains("<td>age</td>") && html.contains("<td>class</td>"), html);
        assertTrue(html.contains("aria-label=\"histogram\""), "a histogram for the numeric column");
        assertTrue(html.contains(" good <span class=\"muted\">2</span>"), "top values with counts: " + html);
        assertTrue(html.contains("&lt;bad&gt;"), "values are escaped");
        assertTrue(html.contains("1 (25%)"), "missing count and share: " + html);
    }
}
