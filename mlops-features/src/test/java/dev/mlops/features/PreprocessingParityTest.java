package dev.mlops.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtException;
import dev.mlops.api.BooleanColumn;
import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.DataException;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Frame;
import dev.mlops.api.LongColumn;
import dev.mlops.api.TextColumn;
import dev.mlops.features.Transform.Imputation;
import dev.mlops.features.Transform.Scaling;
import dev.mlops.features.Transform.UnseenCategories;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Every transform, and a chain of them, gives the same numbers in Java and in ONNX Runtime. */
class PreprocessingParityTest {

    /** A training frame with missing values in every kind of column. */
    static Frame train() {
        SplittableRandom r = new SplittableRandom(11);
        int n = 300;
        double[] x = new double[n];
        double[] amount = new double[n];
        long[] count = new long[n];
        Boolean[] flag = new Boolean[n];
        String[] color = new String[n];
        String[] city = new String[n];
        String[] colors = {"red", "green", "blue", "yellow"};
        String[] cities = {"Oslo", "Zürich", "São Paulo"};
        for (int i = 0; i < n; i++) {
            x[i] = i % 17 == 0 ? Double.NaN : r.nextGaussian() * 3 + 10;
            amount[i] = i % 23 == 0 ? Double.NaN : Math.exp(r.nextDouble() * 9);
            count[i] = r.nextInt(6);
            flag[i] = i % 29 == 0 ? null : r.nextBoolean();
            color[i] = i % 13 == 0 ? null : colors[r.nextInt(colors.length)];
            city[i] = i % 31 == 0 ? null : cities[r.nextInt(cities.length)];
        }
        return Frame.of(DoubleColumn.of("x", x), DoubleColumn.of("amount", amount), LongColumn.of("count", count),
                BooleanColumn.of("flag", flag), CategoricalColumn.of("color", color), TextColumn.of("city", city));
    }

    /** Rows to apply to: missing values, unseen categories, extremes. */
    static Frame test() {
        return Frame.of(
                DoubleColumn.of("x", Double.NaN, -1e6, 0, 10.5, 1e6, 7),
                DoubleColumn.of("amount", 0, Double.NaN, 12.5, 8000, 1e7, 3),
                LongColumn.of("count", 0, 5, 9, 2, 1, 3),
                BooleanColumn.of("flag", true, null, false, true, false, true),
                CategoricalColumn.of("color", "red", null, "purple", "blue", "green", "yellow"),
                TextColumn.of("city", "Oslo", "Zürich", null, "Lima", "São Paulo", "Oslo"));
    }

    private static Preprocessing.Builder encodeStrings(Preprocessing.Builder b) {
        return b.oneHot(UnseenCategories.IGNORE, "color").ordinal("city");
    }

    @Test
    void impute_eachStrategy_javaEqualsOnnx() throws OrtException {
        for (Imputation imputation : List.of(Imputation.MEAN, Imputation.MEDIAN, Imputation.MOST_FREQUENT)) {
            FittedPreprocessing p = encodeStrings(Preprocessing.newBuilder()
                    .impute(imputation, "x", "amount", "flag")).build().fit(train());
            OrtParity.assertParity(p, test(), "impute_" + imputation.name().toLowerCase());
        }
        FittedPreprocessing constant = encodeStrings(Preprocessing.newBuilder().imputeConstant(-7.5, "x")).build()
                .fit(train());
        OrtParity.assertParity(constant, test(), "impute_constant");
        assertEquals(-7.5, constant.apply(test()).doubles("x").getDouble(0));
    }

    @Test
    void imputeCategorical_missingBecomesFillAndUnseenStaysUnseen() throws OrtException {
        FittedPreprocessing p = Preprocessing.newBuilder()
                .impute(Imputation.MOST_FREQUENT, "color").imputeConstant("nowhere", "city")
                .oneHot(UnseenCategories.IGNORE, "color", "city").build().fit(train());
        OrtParity.assertParity(p, test(), "impute_categorical");
        Frame out = p.apply(test());
        assertEquals(1.0, out.doubles("city=nowhere").getDouble(2), "missing city imputed");
        double unseen = 0;
        for (String name : p.outputNames()) {
            if (name.startsWith("city=")) {
                unseen += out.doubles(name).getDouble(3);
            }
        }
        assertEquals(0.0, unseen, "Lima was never seen: all zeros");
    }

    @Test
    void scale_eachScaler_javaEqualsOnnx() throws OrtException {
        for (Scaling scaling : Scaling.values()) {
            FittedPreprocessing p = encodeStrings(Preprocessing.newBuilder().scale(scaling, "x", "amount", "count"))
                    .build().fit(train());
            OrtParity.assertParity(p, test(), "scale_" + scaling.name().toLowerCase());
        }
    }

    @Test
    void oneHot_ignore_sameLayoutAndZerosForUnseen() throws OrtException {
        FittedPreprocessing p = Preprocessing.newBuilder().oneHot(UnseenCategories.IGNORE, "color", "city")
                .build().fit(train());
        assertEquals(List.of("x", "amount", "count", "flag", "color=blue", "color=green", "color=red", "color=yellow",
                "city=Oslo", "city=São Paulo", "city=Zürich"), p.outputNames());
        OrtParity.assertParity(p, test(), "one_hot_ignore");
    }

    @Test
    void oneHot_error_unseenFailsInJavaAndOnnx() throws OrtException {
        FittedPreprocessing p = Preprocessing.newBuilder().impute(Imputation.MOST_FREQUENT, "color")
                .oneHot(UnseenCategories.ERROR, "color").ordinal("city").build().fit(train());
        Frame unseen = test().rows(new int[] {2});
        DataException e = assertThrows(DataException.class, () -> p.apply(unseen));
        assertTrue(e.getMessage().contains("purple"), e.getMessage());
        assertThrows(OrtException.class, () -> OrtParity.run(p, unseen));
        Frame seen = test().rows(new int[] {0, 1, 3, 4, 5});
        assertEquals(5, p.apply(seen).rowCount());
        OrtParity.assertParity(p, seen, "one_hot_error");
    }

    @Test
    void oneHot_errorWithoutImputation_missingInFittingFails() {
        Preprocessing chain = Preprocessing.newBuilder().oneHot(UnseenCategories.ERROR, "color").ordinal("city").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> chain.fit(train()));
        assertTrue(e.getMessage().contains("impute"), e.getMessage());
    }

    @Test
    void ordinal_unseenAndMissingAreMinusOne() throws OrtException {
        FittedPreprocessing p = Preprocessing.newBuilder().ordinal("color", "city").build().fit(train());
        OrtParity.assertParity(p, test(), "ordinal");
        Frame out = p.apply(test());
        assertEquals(-1.0, out.doubles("color").getDouble(1), "missing");
        assertEquals(-1.0, out.doubles("color").getDouble(2), "unseen");
        assertEquals(2.0, out.doubles("color").getDouble(0), "red is third of blue, green, red, yellow");
    }

    @Test
    void bucketize_javaEqualsOnnx_missingStaysMissing() throws OrtException {
        FittedPreprocessing p = encodeStrings(Preprocessing.newBuilder().bucketize(4, "x", "amount", "count"))
                .build().fit(train());
        OrtParity.assertParity(p, test(), "bucketize");
        Frame out = p.apply(test());
        assertTrue(Double.isNaN(out.doubles("x").getDouble(0)));
        assertEquals(0.0, out.doubles("x").getDouble(1));
        assertEquals(3.0, out.doubles("x").getDouble(4));
    }

    @Test
    void log_javaEqualsOnnx() throws OrtException {
        FittedPreprocessing p = encodeStrings(Preprocessing.newBuilder().log("amount", "count")).build().fit(train());
        // Math.log and ONNX Runtime's log are both within an ulp of the true value, not always the same one.
        OrtParity.assertParity(p, test(), "log", 1e-15);
        assertEquals(Math.log1p(12.5), p.apply(test()).doubles("amount").getDouble(2), 1e-12);
    }

    @Test
    void chain_everyKindOfStep_javaEqualsOnnx() throws OrtException {
        FittedPreprocessing p = Preprocessing.newBuilder()
                .impute(Imputation.MEDIAN, "x")
                .impute(Imputation.MOST_FREQUENT, "color", "flag")
                .log("amount")
                .scale(Scaling.STANDARD, "x")
                .scale(Scaling.ROBUST, "amount")
                .bucketize(3, "count")
                .oneHot(UnseenCategories.IGNORE, "color")
                .scale(Scaling.MIN_MAX, "color=red")
                .ordinal("city")
                .build().fit(train());
        // The chain takes a log (see log_javaEqualsOnnx), whose last-place differences the scaling after it keeps.
        OrtParity.assertParity(p, test(), "chain", 1e-13);
        OrtParity.assertParity(p, train(), "chain_train", 1e-13);
    }
}
