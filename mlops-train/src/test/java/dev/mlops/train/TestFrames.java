package dev.mlops.train;

import dev.mlops.api.BooleanColumn;
import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Field;
import dev.mlops.api.Frame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Frames for tests: seeded synthetic data with a known signal, and the bundled credit data. */
public final class TestFrames {
    private TestFrames() {
    }

    /**
     * A seeded frame: numeric {@code x1}, {@code x2}, categorical {@code color}, boolean {@code flag}, a numeric
     * target {@code y} = 3 x1 - 2 x2 + color effect + noise, and a label {@code class} = yes when y &gt; 0.
     */
    public static Frame synthetic(int n, long seed) {
        Random rnd = new Random(seed);
        double[] x1 = new double[n];
        double[] x2 = new double[n];
        String[] color = new String[n];
        Boolean[] flag = new Boolean[n];
        double[] y = new double[n];
        String[] cls = new String[n];
        String[] colors = {"red", "green", "blue"};
        for (int i = 0; i < n; i++) {
            x1[i] = rnd.nextGaussian();
            x2[i] = rnd.nextGaussian();
            color[i] = colors[rnd.nextInt(3)];
            flag[i] = rnd.nextBoolean();
            double effect = color[i].equals("red") ? 1.0 : color[i].equals("blue") ? -1.0 : 0.0;
            y[i] = 3 * x1[i] - 2 * x2[i] + effect + 0.3 * rnd.nextGaussian();
            cls[i] = y[i] > 0 ? "yes" : "no";
        }
        return Frame.of(DoubleColumn.of("x1", x1), DoubleColumn.of("x2", x2), CategoricalColumn.of("color", color),
                BooleanColumn.of("flag", flag), DoubleColumn.of("y", y), CategoricalColumn.of("class", cls));
    }

    /** The credit data: numeric columns as NUMERIC, the rest CATEGORICAL, label {@code class}. */
    public static Frame credit() {
        Path p = Path.of("../samples/src/main/resources/datasets/credit-g.csv");
        try {
            List<String> lines = Files.readAllLines(p);
            String[] header = lines.get(0).split(",");
            int n = lines.size() - 1;
            String[][] cells = new String[header.length][n];
            for (int i = 0; i < n; i++) {
                String[] parts = lines.get(i + 1).split(",", -1);
                for (int c = 0; c < header.length; c++) {
                    cells[c][i] = parts[c];
                }
            }
            List<Column> cols = new ArrayList<>();
            for (int c = 0; c < header.length; c++) {
                boolean numeric = true;
                for (String v : cells[c]) {
                    try {
                        Double.parseDouble(v);
                    } catch (NumberFormatException e) {
                        numeric = false;
                        break;
                    }
                }
                if (numeric) {
                    double[] v = new double[n];
                    for (int i = 0; i < n; i++) {
                        v[i] = Double.parseDouble(cells[c][i]);
                    }
                    cols.add(DoubleColumn.of(Field.numeric(header[c]), v));
                } else {
                    cols.add(CategoricalColumn.of(header[c], cells[c]));
                }
            }
            return Frame.of(cols);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + p.toAbsolutePath(), e);
        }
    }
}
