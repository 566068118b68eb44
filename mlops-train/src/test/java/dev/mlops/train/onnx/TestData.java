package dev.mlops.train.onnx;

import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.OutputFactory;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small seeded synthetic data sets whose values are exact floats, so Tribuo (double) and ONNX (float) see the same numbers. */
final class TestData {
    /** The caller's feature order: deliberately not Tribuo's sorted order. */
    static final List<String> FEATURES = List.of("zeta", "alpha", "x10", "x2", "mid");

    private static final OffsetDateTime FIXED = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    /** A training set, held-out examples and the held-out rows as a matrix in caller order. */
    record Split<T extends org.tribuo.Output<T>>(MutableDataset<T> train, List<Example<T>> test, float[][] testMatrix) {
    }

    private TestData() {
    }

    static Split<Label> classification(int classes, long seed) {
        Random rng = new Random(seed);
        double[][] centres = new double[classes][FEATURES.size()];
        for (double[] c : centres) {
            for (int j = 0; j < c.length; j++) {
                c[j] = rng.nextGaussian() * 1.5;
            }
        }
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> train = dataset(factory);
        List<Example<Label>> test = new ArrayList<>();
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            int k = rng.nextInt(classes);
            float[] x = new float[FEATURES.size()];
            for (int j = 0; j < x.length; j++) {
                x[j] = (float) (centres[k][j] + rng.nextGaussian());
            }
            Example<Label> e = example(new Label("class-" + (char) ('a' + k)), x);
            if (i < 300) {
                train.add(e);
            } else {
                test.add(e);
                rows.add(x);
            }
        }
        return new Split<>(train, test, rows.toArray(new float[0][]));
    }

    static Split<Regressor> regression(long seed) {
        return regression(seed, 1);
    }

    /** A regression with {@code dims} outputs named y, y2, y3...; dimension d is a different function of x. */
    static Split<Regressor> regression(long seed, int dims) {
        Random rng = new Random(seed);
        double[] w = new double[FEATURES.size()];
        for (int j = 0; j < w.length; j++) {
            w[j] = rng.nextGaussian() * 2;
        }
        RegressionFactory factory = new RegressionFactory();
        MutableDataset<Regressor> train = dataset(factory);
        List<Example<Regressor>> test = new ArrayList<>();
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            float[] x = new float[FEATURES.size()];
            double y = 1.5;
            for (int j = 0; j < x.length; j++) {
                x[j] = (float) rng.nextGaussian();
                y += w[j] * x[j];
            }
            y += 0.5 * x[0] * x[1] + 0.3 * rng.nextGaussian();
            String[] names = new String[dims];
            double[] ys = new double[dims];
            for (int d = 0; d < dims; d++) {
                names[d] = d == 0 ? "y" : "y" + (d + 1);
                ys[d] = d == 0 ? y : (d + 1) * x[d] - y / 2 + x[(d + 2) % x.length] * x[d];
            }
            Example<Regressor> e = example(new Regressor(names, ys), x);
            if (i < 300) {
                train.add(e);
            } else {
                test.add(e);
                rows.add(x);
            }
        }
        return new Split<>(train, test, rows.toArray(new float[0][]));
    }

    static <T extends org.tribuo.Output<T>> Example<T> example(T output, float[] x) {
        String[] names = FEATURES.toArray(new String[0]);
        double[] values = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            values[j] = x[j];
        }
        return new ArrayExample<>(output, names, values);
    }

    private static <T extends org.tribuo.Output<T>> MutableDataset<T> dataset(OutputFactory<T> factory) {
        return new MutableDataset<>(new SimpleDataSourceProvenance("synthetic", FIXED, factory), factory);
    }
}
