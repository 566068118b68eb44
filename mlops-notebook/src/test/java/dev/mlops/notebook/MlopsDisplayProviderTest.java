package dev.mlops.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Frame;
import dev.mlops.api.HtmlRenderable;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.display.DisplaySystem;
import org.rapaio.jupyter.kernel.display.spi.DisplayProvider;

class MlopsDisplayProviderTest {
    static final Frame FRAME = Frame.of(DoubleColumn.of("age", 31, 45), CategoricalColumn.of("class", "good", "<b>"));

    @Test
    void serviceLoader_findsTheProvider() {
        assertTrue(ServiceLoader.load(DisplayProvider.class).stream()
                .anyMatch(p -> p.type() == MlopsDisplayProvider.class));
    }

    @Test
    void kernelDisplay_frame_isAnHtmlAndTextBundle() {
        DisplaySystem.inst().refreshSpiDisplayHandlers();
        DisplayData d = DisplaySystem.inst().render(FRAME);
        String html = (String) d.data().get("text/html");
        assertTrue(html.startsWith("<div class=\"mlops\">") && html.contains("<th>age<br>"), html);
        assertTrue(html.contains("&lt;b&gt;"), "cell text is escaped");
        assertEquals(FRAME.toString(), d.data().get("text/plain"));
    }

    @Test
    void render_textAskedFor_sendsOnlyText() {
        HtmlRenderable value = () -> "<p>x</p>";
        DisplayData d = new HtmlRenderableRenderer().render("text/plain", value);
        assertFalse(d.data().containsKey("text/html"));
        assertEquals(value.toString(), d.data().get("text/plain"));
    }

    @Test
    void canRender_htmlTextOrDefault_notImages() {
        HtmlRenderableRenderer r = new HtmlRenderableRenderer();
        assertTrue(r.canRender(null) && r.canRender("text/html") && r.canRender("html") && r.canRender("text"));
        assertFalse(r.canRender("image/png"));
    }
}
