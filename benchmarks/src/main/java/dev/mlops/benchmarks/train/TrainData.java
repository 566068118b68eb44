package dev.mlops.benchmarks.train;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Frame;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded data for the training benchmarks: 10 numeric features, 2 categorical ones, a binary label. */
final class TrainData {
    static final int NUMERIC = 10;
    static final String[] COLORS = {"red", "green", "blue", "black", "white"};

    final double[][] numeric;
    final String[][] categorical;
    final String[] label;
    final Frame frame;

    TrainData(int rows, long seed) {
        Random rnd = new Random(seed);
        numeric = new double[NUMERIC][rows];
        categorical = new String[2][rows];
        label = new String[rows];
        for (int i = 0; i < rows; i++) {
            double score = 0;
            for (int f = 0; f < NUMERIC; f++) {
                numeric[f][i] = rnd.nextGaussian();
                score += (f % 3 - 1) * numeric[f][i];
            }
            for (int c = 0; c < 2; c++) {
                categorical[c][i] = COLORS[rnd.nextInt(COLORS.length)];
            }
            score += categorical[0][i].equals("red") ? 1 : 0;
            label[i] = score + rnd.nextGaussian() > 0 ? "good" : "bad";
        }
        List<Column> cols = new ArrayList<>();
        for (int f = 0; f < NUMERIC; f++) {
            cols.add(DoubleColumn.of("x" + f, numeric[f]));
        }
        cols.add(CategoricalColumn.of("c0", categorical[0]));
        cols.add(CategoricalColumn.of("c1", categorical[1]));
        cols.add(CategoricalColumn.of("class", label));
        frame = Frame.of(cols);
    }
}
