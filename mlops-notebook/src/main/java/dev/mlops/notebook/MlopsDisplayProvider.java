package dev.mlops.notebook;

import java.util.List;
import org.rapaio.jupyter.kernel.display.DisplayRenderer;
import org.rapaio.jupyter.kernel.display.DisplayTransformer;
import org.rapaio.jupyter.kernel.display.spi.DisplayProvider;

/**
 * Registers the SDK's display with the rapaio Java kernel through its service-provider interface: every
 * {@link dev.mlops.api.HtmlRenderable} value a cell ends with, or passes to {@code display(...)}, shows as its HTML
 * with its plain text beside it. The kernel finds this class when the jar joins the notebook's class path.
 */
public final class MlopsDisplayProvider implements DisplayProvider {

    /** The provider the kernel's service loader instantiates. */
    public MlopsDisplayProvider() {
    }

    /** The one renderer: {@link dev.mlops.api.HtmlRenderable} values as an HTML and plain-text MIME bundle. */
    @Override
    public List<DisplayRenderer> getDisplayRenderers() {
        return List.of(new HtmlRenderableRenderer());
    }

    /** None: the SDK's values render themselves. */
    @Override
    public List<DisplayTransformer> getDisplayTransformers() {
        return List.of();
    }
}
