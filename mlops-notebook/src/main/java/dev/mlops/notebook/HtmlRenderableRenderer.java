package dev.mlops.notebook;

import dev.mlops.api.HtmlRenderable;
import java.util.Locale;
import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.display.DisplayRenderer;

/** Renders an {@link HtmlRenderable} as one MIME bundle: {@code text/html} and the {@code text/plain} fallback. */
final class HtmlRenderableRenderer implements DisplayRenderer {

    @Override
    public Class<?> rendererClass() {
        return HtmlRenderable.class;
    }

    /** HTML or text, or the kernel's default (no type asked for). */
    @Override
    public boolean canRender(String mime) {
        if (mime == null) {
            return true;
        }
        String m = mime.toLowerCase(Locale.ROOT);
        return m.equals("text/html") || m.equals("html") || m.equals("text/plain") || m.equals("text");
    }

    /** Plain text always; the HTML too unless only text was asked for. */
    @Override
    public DisplayData render(String mime, Object value) {
        HtmlRenderable r = (HtmlRenderable) value;
        DisplayData d = DisplayData.withType("text/plain", r.toText());
        if (mime == null || mime.toLowerCase(Locale.ROOT).contains("html")) {
            d.putHTML(r.toHtml());
        }
        return d;
    }
}
