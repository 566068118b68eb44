package dev.mlops.monitor;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Frame;
import java.util.Random;

/** Synthetic frames for monitor tests: a numeric feature, a categorical feature and a score output. */
final class Samples {
    private Samples() {
    }

    /** {@code n} rows: x ~ N(shift, 1), color with P(red) = 0.5 + colorShift, and a score. */
    static Frame inputs(int n, long seed, double shift, double colorShift) {
        Random r = new Random(seed);
        double[] x = new double[n];
        String[] color = new String[n];
        for (int i = 0; i < n; i++) {
            x[i] = shift + r.nextGaussian();
            double u = r.nextDouble();
            color[i] = u < 0.5 + colorShift ? "red" : u < 0.8 + colorShift / 2 ? "green" : "blue";
        }
        return Frame.of(DoubleColumn.of("x", x), CategoricalColumn.of("color", color));
    }

    /** A score output per input row: the logistic of x. */
    static Frame outputs(Frame inputs) {
        double[] x = inputs.doubles("x").toArray();
        double[] p = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            p[i] = 1 / (1 + Math.exp(-x[i]));
        }
        return Frame.of(DoubleColumn.of("score", p));
    }
}
