package dev.mlops.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import org.junit.jupiter.api.Test;

class HtmlRenderableTest {

    @Test
    void escape_anyText_hasNoMarkupAndUnescapesBack() {
        qt().forAll(strings().allPossible().ofLengthBetween(0, 40)).checkAssert(text -> {
            String escaped = HtmlRenderable.escape(text);
            assertFalse(escaped.contains("<") || escaped.contains(">") || escaped.contains("\"")
                    || escaped.contains("'"), escaped);
            assertEquals(text, escaped.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                    .replace("&#39;", "'").replace("&amp;", "&"));
        });
    }

    @Test
    void number_forPeople() {
        assertEquals("42", HtmlRenderable.number(42));
        assertEquals("0.1235", HtmlRenderable.number(0.123456));
        assertEquals("1.235e-05", HtmlRenderable.number(0.0000123456));
        assertEquals("NaN", HtmlRenderable.number(Double.NaN));
    }

    @Test
    void frameToHtml_headWithTypesEscapedAndCounted() {
        Frame f = Frame.of(DoubleColumn.of("x", 1.5, 2.5), CategoricalColumn.of("c", "<a>", "b"));
        String html = f.toHtml();
        assertTrue(html.startsWith("<div class=\"mlops\"><style>"), html);
        assertTrue(html.contains("<th>x<br><span class=\"muted\">numeric</span></th>"), html);
        assertTrue(html.contains("<td>&lt;a&gt;</td>") && html.contains("<td class=\"num\">2.5</td>"), html);
        assertTrue(html.contains("2 rows × 2 columns"), html);
        assertEquals(f.toString(), f.toText());
    }

    @Test
    void frameToHtml_wideFrame_elidesMiddleColumnsLikeTheText() {
        Column[] cols = new Column[30];
        for (int i = 0; i < cols.length; i++) {
            cols[i] = DoubleColumn.of("c" + i, i);
        }
        String html = Frame.of(cols).toHtml();
        assertTrue(html.contains(">c9<") && html.contains(">c20<") && html.contains("<th>…</th>"));
        assertFalse(html.contains(">c15<"));
    }
}
