package example;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Frame;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

/**
 * What a notebook gets from the module: the kernel finds its display provider through the service file (the kernel
 * itself is the notebook's, so it is not on this class path), and frames render as HTML tables.
 */
public final class Pipeline {
    public static void main(String[] args) throws Exception {
        String service = "META-INF/services/org.rapaio.jupyter.kernel.display.spi.DisplayProvider";
        List<URL> files = Collections.list(Pipeline.class.getClassLoader().getResources(service));
        if (files.isEmpty()) {
            throw new AssertionError("mlops-notebook registers no display provider at " + service);
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(files.get(0).openStream(), StandardCharsets.UTF_8))) {
            String provider = in.readLine();
            if (!"dev.mlops.notebook.MlopsDisplayProvider".equals(provider)) {
                throw new AssertionError(service + " names " + provider);
            }
        }
        Frame frame = Frame.of(DoubleColumn.of("amount", 1169, 5951), CategoricalColumn.of("class", "good", "bad"));
        String html = frame.toHtml();
        if (!html.contains("<table") || !html.contains("amount") || !html.contains("bad")) {
            throw new AssertionError("a frame renders as an HTML table, got " + html);
        }
        System.out.println("mlops-notebook consumer: provider registered, frame rendered (" + html.length() + " chars)");
    }
}
