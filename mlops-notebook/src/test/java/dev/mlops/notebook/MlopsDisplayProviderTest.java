package dev.mlops.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Frame;
import dev.mlops.api.HtmlRenderable;
import org.junit.jupiter.api.Test;
import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.display.DisplaySystem;
import org.rapaio.jupyter.kernel.display.spi.DisplayProvider;

class MlopsDisplayProviderTest {
    static final Frame FRAME = Frame.of(DoubleColumn.of("age", 31, 45), CategoricalColumn.of("class", "good", "<b>"));

    /** The kernel finds the provider on the module path (the descriptor) and on the class path (the file). */
    @Test
    void serviceLoader_findsTheProvider_onTheModulePathAndTheClassPath() throws java.io.IOException {
        java.lang.module.ModuleDescriptor d = MlopsDisplayProvider.class.getModule().getDescriptor();
        assertTrue(d.provides().stream().anyMatch(p -> p.service().equals(DisplayProvider.class.getName())
                && p.providers().equals(java.util.List.of(MlopsDisplayProvider.class.getName()))), d.toString());
        try (java.io.InputStream in = MlopsDisplayProvider.class.getResourceAsStream("/META-INF/services/"
                + DisplayProvider.class.getName())) {
            assertEquals(MlopsDisplayProvider.class.getName(),
                    new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim());
        }
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
