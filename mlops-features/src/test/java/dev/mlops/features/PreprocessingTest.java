package dev.mlops.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Field;
import dev.mlops.api.FieldRole;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.LongColumn;
import dev.mlops.features.Transform.Imputation;
import dev.mlops.features.Transform.Scaling;
import dev.mlops.features.Transform.UnseenCategories;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fitting, applying and the JSON form of transforms and chains. */
class PreprocessingTest {
    private static final Frame SMALL = Frame.of(DoubleColumn.of("a", 1, 2, 3, 4, Double.NaN),
            LongColumn.of("b", 10, 20, 20, 40, 50), CategoricalColumn.of("c", "x", "y", "x", null, "z"),
            CategoricalColumn.of("label", "p", "q", "p", "q", "p")).withRole("label", FieldRole.LABEL);

    @Test
    void standardScaler_textbookValues() {
        Frame out = Transform.scale(Scaling.STANDARD, "b").fit(SMALL).apply(SMALL);
        // mean 28, population sd sqrt(216)
        assertEquals((10 - 28) / Math.sqrt(216), out.doubles("b").getDouble(0), 1e-12);
        assertEquals(FieldType.NUMERIC, out.column("b").type());
        assertEquals(SMALL.column("c"), out.column("c"), "untouched columns are shared");
    }

    @Test
    void minMaxAndRobust_textbookValues() {
        assertEquals(0.75, Transform.scale(Scaling.MIN_MAX, "b").fit(SMALL).apply(SMALL).doubles("b").getDouble(3),
                1e-12);
        // median 20, q25 20, q75 40 (linear interpolation): (50 - 20) / 20
        assertEquals(1.5, Transform.scale(Scaling.ROBUST, "b").fit(SMALL).apply(SMALL).doubles("b").getDouble(4),
                1e-12);
        Frame constant = Frame.of(DoubleColumn.of("k", 3, 3, 3));
        assertEquals(0.0, Transform.scale(Scaling.STANDARD, "k").fit(constant).apply(constant).doubles("k")
                .getDouble(0), "a constant column is only shifted");
    }

    @Test
    void impute_strategies_textbookValues() {
        assertEquals(2.5, imputed(Imputation.MEAN), 1e-12);
        assertEquals(2.5, imputed(Imputation.MEDIAN), 1e-12);
        assertEquals(1.0, imputed(Imputation.MOST_FREQUENT), 1e-12, "ties go to the smallest value");
        Frame c = Transform.impute(Imputation.MOST_FREQUENT, "c").fit(SMALL).apply(SMALL);
        assertEquals("x", c.categorical("c").getString(3));
        assertThrows(IllegalArgumentException.class, () -> Transform.impute(Imputation.MEAN, "c").fit(SMALL));
        assertThrows(IllegalArgumentException.class, () -> Transform.imputeConstant("n/a", "a").fit(SMALL));
    }

    private static double imputed(Imputation imputation) {
        return Transform.impute(imputation, "a").fit(SMALL).apply(SMALL).doubles("a").getDouble(4);
    }

    @Test
    void fittedTransform_isImmutable_refitOnOtherDataDoesNotChangeIt() {
        FittedTransform scaler = Transform.scale(Scaling.MIN_MAX, "b").fit(SMALL);
        String before = scaler.toJson();
        Transform.scale(Scaling.MIN_MAX, "b").fit(SMALL.head(2));
        assertEquals(before, scaler.toJson());
        assertEquals(List.of("b"), scaler.inputColumns());
    }

    @Test
    void chain_contract_inputFieldsOutputNamesAllNumeric() {
        FittedPreprocessing p = Preprocessing.newBuilder().impute(Imputation.MEDIAN, "a")
                .oneHot(UnseenCategories.IGNORE, "c").build().fit(SMALL);
        assertEquals(List.of("a", "b", "c"), p.inputFields().stream().map(Field::name).toList(), "label is not an input");
        assertEquals(List.of("a", "b", "c=x", "c=y", "c=z"), p.outputNames());
        Frame out = p.apply(SMALL);
        assertEquals(p.outputNames(), out.columnNames());
        for (Column c : out.columns()) {
            assertEquals(FieldType.NUMERIC, c.type());
        }
        assertEquals(List.of(0.0, 0.0, 0.0), List.of(out.doubles("c=x").getDouble(3), out.doubles("c=y").getDouble(3),
                out.doubles("c=z").getDouble(3)), "missing one-hot under IGNORE is all zeros");
    }

    @Test
    void chain_unencodedCategorical_failsNamingTheColumn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Preprocessing.newBuilder().build().fit(SMALL));
        assertTrue(e.getMessage().contains("c (CATEGORICAL)") && e.getMessage().contains("oneHot"), e.getMessage());
        assertEquals(List.of("a", "b"), Preprocessing.newBuilder().exclude("c").build().fit(SMALL).outputNames());
    }

    @Test
    void chain_stepOnUnknownColumn_failsNamingStepAndColumns() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Preprocessing.newBuilder()
                .oneHot(UnseenCategories.IGNORE, "c").scale(Scaling.STANDARD, "c").build().fit(SMALL));
        assertTrue(e.getMessage().contains("Step 2") && e.getMessage().contains("c=x"), e.getMessage());
    }

    @Test
    void apply_missingOrRetypedInput_failsClearly() {
        FittedPreprocessing p = Preprocessing.newBuilder().ordinal("c").build().fit(SMALL);
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> p.apply(SMALL.drop("b")));
        assertTrue(missing.getMessage().contains("'b'"), missing.getMessage());
        Frame retyped = SMALL.withColumn(DoubleColumn.of("c", 1, 2, 3, 4, 5));
        IllegalArgumentException wrongType = assertThrows(IllegalArgumentException.class, () -> p.apply(retyped));
        assertTrue(wrongType.getMessage().contains("CATEGORICAL"), wrongType.getMessage());
    }

    @Test
    void apply_emptyFrame_givesEmptyNumericFrame() {
        FittedPreprocessing p = Preprocessing.newBuilder().impute(Imputation.MOST_FREQUENT, "c")
                .oneHot(UnseenCategories.ERROR, "c").exclude("a").build().toBuilder().build().fit(SMALL.rows(new int[] {0, 1, 2}));
        Frame out = p.apply(SMALL.head(0));
        assertEquals(0, out.rowCount());
        assertEquals(p.outputNames(), out.columnNames());
    }

    @Test
    void transformSpecs_validatedOnConstruction() {
        assertThrows(IllegalArgumentException.class, () -> Transform.bucketize(1, "a"));
        assertThrows(IllegalArgumentException.class, () -> Transform.scale(Scaling.STANDARD));
        assertThrows(IllegalArgumentException.class, () -> Transform.log("a", "a"));
        assertThrows(IllegalArgumentException.class, () -> Transform.impute(Imputation.CONSTANT, "a"));
        assertThrows(IllegalArgumentException.class, () -> Transform.logWithOffset(Double.NaN, "a"));
    }

    @Test
    void json_roundTrip_specsAndFittedChains() {
        Preprocessing chain = Preprocessing.newBuilder().impute(Imputation.MEDIAN, "a").imputeConstant("none", "c")
                .log("b").bucketize(3, "b").oneHot(UnseenCategories.ERROR, "c").scale(Scaling.ROBUST, "a")
                .exclude("x").build();
        assertEquals(chain, Preprocessing.fromJson(chain.toJson()));
        FittedPreprocessing fitted = chain.fit(SMALL);
        FittedPreprocessing back = FittedPreprocessing.fromJson(fitted.toJson());
        assertEquals(fitted, back);
        assertEquals(fitted.apply(SMALL).fingerprint(), back.apply(SMALL).fingerprint());
        for (FittedTransform t : fitted.steps()) {
            assertEquals(t, FittedTransform.fromJson(t.toJson()));
        }
        Transform t = Transform.ordinal("c");
        assertEquals(t, Transform.fromJson(t.toJson()));
    }

    @Test
    void json_roundTrip_property_fittedChainsOnRandomData() {
        qt().withExamples(40).forAll(lists().of(doubles().between(-1e12, 1e12)).ofSizeBetween(1, 40),
                integers().between(2, 6), integers().between(0, 2)).checkAssert((values, buckets, scaler) -> {
                    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
                    String[] cats = new String[v.length];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = i % 7 == 3 ? Double.NaN : v[i];
                        cats[i] = i % 5 == 1 ? null : "k" + (Math.abs(values.get(i).hashCode()) % 4) + "\u00fc";
                    }
                    Frame f = Frame.of(DoubleColumn.of("v", v), DoubleColumn.of("w", values.stream()
                            .mapToDouble(Double::doubleValue).toArray()), CategoricalColumn.of("k", cats));
                    FittedPreprocessing p = Preprocessing.newBuilder().impute(Imputation.MEAN, "v")
                            .scale(Scaling.values()[scaler], "v").bucketize(buckets, "w")
                            .oneHot(UnseenCategories.IGNORE, "k").build().fit(f);
                    FittedPreprocessing back = FittedPreprocessing.fromJson(p.toJson());
                    assertEquals(p, back);
                    assertEquals(p.apply(f).fingerprint(), back.apply(f).fingerprint());
                    for (Column c : p.apply(f).columns()) {
                        assertFalse(c.missingCount() > 0 && !c.name().equals("w"), "imputed and encoded columns are"
                                + " complete: " + c.name());
                    }
                });
    }
}
