package dev.mlops.train.scoping;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Frame;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Synthetic data sets whose scoping verdict is known by construction. */
final class KnownAnswers {
    private KnownAnswers() {
    }

    /** The truth is one threshold, {@code x > 0.6}, with 8% of labels flipped; two noise features beside it. */
    static Frame singleThreshold(int rows, long seed) {
        Random rnd = new Random(seed);
        double[][] x = uniform(rnd, rows, 3);
        String[] y = new String[rows];
        for (int i = 0; i < rows; i++) {
            boolean yes = x[0][i] > 0.6;
            y[i] = (rnd.nextDouble() < 0.08) != yes ? "yes" : "no";
        }
        return frame(x, y);
    }

    /** Labels independent of the four features. */
    static Frame pureNoise(int rows, long seed) {
        Random rnd = new Random(seed);
        double[][] x = uniform(rnd, rows, 4);
        String[] y = new String[rows];
        for (int i = 0; i < rows; i++) {
            y[i] = rnd.nextBoolean() ? "yes" : "no";
        }
        return frame(x, y);
    }

    /** {@code (x0 > 0.5) xor (x1 > 0.5)}: neither feature alone says anything; 3% of labels flipped. */
    static Frame xor(int rows, long seed) {
        Random rnd = new Random(seed);
        double[][] x = uniform(rnd, rows, 3);
        String[] y = new String[rows];
        for (int i = 0; i < rows; i++) {
            boolean yes = (x[0][i] > 0.5) != (x[1][i] > 0.5);
            y[i] = (rnd.nextDouble() < 0.03) != yes ? "yes" : "no";
        }
        return frame(x, y);
    }

    /** A logistic truth over eight features of equal weight: learnable, but only with enough rows. */
    static Frame additive(int rows, long seed) {
        Random rnd = new Random(seed);
        double[][] x = new double[8][rows];
        String[] y = new String[rows];
        for (int i = 0; i < rows; i++) {
            double z = 0;
            for (int f = 0; f < 8; f++) {
                x[f][i] = rnd.nextGaussian();
                z += 0.6 * x[f][i];
            }
            y[i] = rnd.nextDouble() < 1 / (1 + Math.exp(-z)) ? "yes" : "no";
        }
        return frame(x, y);
    }

    private static double[][] uniform(Random rnd, int rows, int features) {
        double[][] x = new double[features][rows];
        for (int f = 0; f < features; f++) {
            for (int i = 0; i < rows; i++) {
                x[f][i] = rnd.nextDouble();
            }
        }
        return x;
    }

    private static Frame frame(double[][] x, String[] y) {
        List<Column> cols = new ArrayList<>();
        for (int f = 0; f < x.length; f++) {
            cols.add(DoubleColumn.of("x" + f, x[f]));
        }
        cols.add(CategoricalColumn.of("y", y));
        return Frame.of(cols);
    }

    /** Prints each set's report (for tuning the sets by eye). */
    public static void main(String[] args) {
        Scoping s = Scoping.newBuilder().build();
        if (args.length > 0) {
            Frame credit = dev.mlops.train.TestFrames.credit();
            for (int i = 0; i < 3; i++) {
                long t0 = System.nanoTime();
                ScopingReport r = s.assess(credit, "class");
                System.out.printf("credit %s in %.2f s%n", r.verdict(), (System.nanoTime() - t0) / 1e9);
            }
            return;
        }
        for (int seed = 1; seed <= 6; seed++) {
            StringBuilder line = new StringBuilder("seed " + seed + ":");
            for (Frame f : List.of(singleThreshold(600, seed), pureNoise(400, seed), xor(1000, seed),
                    additive(100, seed), additive(150, seed))) {
                line.append(' ').append(s.assess(f, "y").verdict());
            }
            System.out.println(line);
        }
    }
}
