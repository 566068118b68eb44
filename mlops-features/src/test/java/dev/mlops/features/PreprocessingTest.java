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
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Transform.impute(Imputation.MEAN, "c").fit(SMALL));
        assertTrue(e.getMessage().contains("MEAN imputation")
                && e.getMessage().contains("'c' is CATEGORICAL")
                && e.getMessage().contains("MOST_FREQUENT"), e.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> Transform.imputeConstant("n/a", "a").fit(SMALL));
        assertTrue(e2.getMessage().contains("Constant 'n/a' is not a number")
                && e2.getMessage().contains("column 'a'"), e2.getMessage());
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
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Transform.bucketize(1, "a"));
        assertTrue(e.getMessage().contains("at least 2 buckets")
                && e.getMessage().contains("got 1"), e.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> Transform.scale(Scaling.STANDARD));
        assertTrue(e2.getMessage().contains("SCALE transform needs at least one column"), e2.getMessage());
        IllegalArgumentException e3 = assertThrows(IllegalArgumentException.class, () -> Transform.log("a", "a"));
        assertTrue(e3.getMessage().contains("lists a column twice")
                && e3.getMessage().contains("[a, a]"), e3.getMessage());
        IllegalArgumentException e4 = assertThrows(IllegalArgumentException.class,
                () -> Transform.impute(Imputation.CONSTANT, "a"));
        assertTrue(e4.getMessage().contains("CONSTANT imputation of [a] has no value")
                && e4.getMessage().contains("imputeConstant(value, columns)"), e4.getMessage());
        IllegalArgumentException e5 = assertThrows(IllegalArgumentException.class,
                () -> Transform.logWithOffset(Double.NaN, "a"));
        assertTrue(e5.getMessage().contains("finite offset")
                && e5.getMessage().contains("got NaN"), e5.getMessage());
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

    /** Issue 9, part 2: whether a served missing value is accepted follows what the chain does with it. */
    @Test
    void acceptsMissing_imputedOrEncoded_yes_passedOnAsNaNOrFailing_no() {
        Frame f = Frame.of(DoubleColumn.of("a", 1, 2, Double.NaN), DoubleColumn.of("s", 1, 2, 3),
                DoubleColumn.of("p", 4, 5, 6), CategoricalColumn.of("c", "x", null, "y"),
                CategoricalColumn.of("o", "u", "v", null), CategoricalColumn.of("e", "x", "y", "y"),
                CategoricalColumn.of("i", "x", null, "y"));
        FittedPreprocessing prep = Preprocessing.newBuilder()
                .scale(Scaling.STANDARD, "a", "s").impute(Imputation.MEAN, "a")
                .oneHot(UnseenCategories.IGNORE, "c").ordinal("o").oneHot(UnseenCategories.ERROR, "e")
                .impute(Imputation.MOST_FREQUENT, "i").oneHot(UnseenCategories.ERROR, "i")
                .build().fit(f);
        assertTrue(prep.acceptsMissing("a"), "scaled, then imputed");
        assertFalse(prep.acceptsMissing("s"), "scaled only: a missing value reaches the model as NaN");
        assertFalse(prep.acceptsMissing("p"), "passed through as it is");
        assertTrue(prep.acceptsMissing("c"), "one-hot IGNORE: a row of zeros");
        assertTrue(prep.acceptsMissing("o"), "ordinal: -1");
        assertFalse(prep.acceptsMissing("e"), "one-hot ERROR fails on a missing label");
        assertTrue(prep.acceptsMissing("i"), "imputed before the strict one-hot");
        assertFalse(prep.acceptsMissing("label"), "not an input");
        FittedPreprocessing strict = new FittedPreprocessing(List.of(prep.inputFields().get(0).withNullable(false)),
                prep.steps(), prep.outputNames());
        assertFalse(strict.acceptsMissing("a"), "a field declared not nullable stays so");
        assertTrue(FittedPreprocessing.fromJson(prep.toJson()).acceptsMissing("c"), "survives the JSON form");
    }

    /** The oracle of acceptsMissing: apply a row where the input is missing and look at what comes out. */
    @Test
    void acceptsMissing_property_agreesWithWhatApplyDoesToAMissingValue() {
        Frame train = Frame.of(DoubleColumn.of("x", 1, 2, 3, 5, 8), CategoricalColumn.of("c", "r", "g", "b", "g", "r"));
        Frame holes = Frame.of(DoubleColumn.of("x", Double.NaN), CategoricalColumn.of("c", (String) null));
        List<List<Transform>> numberChains = List.of(List.of(), List.of(Transform.impute(Imputation.MEDIAN, "x")),
                List.of(Transform.scale(Scaling.ROBUST, "x")), List.of(Transform.scale(Scaling.MIN_MAX, "x"),
                        Transform.impute(Imputation.MEAN, "x")), List.of(Transform.impute(Imputation.MEAN, "x"),
                        Transform.log("x")), List.of(Transform.bucketize(3, "x")), List.of(Transform.log("x")));
        List<List<Transform>> labelChains = List.of(List.of(Transform.oneHot(UnseenCategories.IGNORE, "c")),
                List.of(Transform.oneHot(UnseenCategories.ERROR, "c")), List.of(Transform.ordinal("c")),
                List.of(Transform.imputeConstant("none", "c"), Transform.oneHot(UnseenCategories.ERROR, "c")),
                List.of(Transform.imputeConstant("g", "c"), Transform.oneHot(UnseenCategories.ERROR, "c")),
                List.of(Transform.imputeConstant("none", "c"), Transform.ordinal("c")));
        qt().forAll(integers().between(0, numberChains.size() - 1), integers().between(0, labelChains.size() - 1))
                .checkAssert((n, l) -> {
                    Preprocessing.Builder b = Preprocessing.newBuilder();
                    numberChains.get(n).forEach(b::add);
                    labelChains.get(l).forEach(b::add);
                    FittedPreprocessing prep = b.build().fit(train);
                    Frame out;
                    boolean failed = false;
                    try {
                        out = prep.apply(holes);
                    } catch (RuntimeException e) {
                        failed = true; // the strict one-hot refuses the missing label; look at x on its own
                        out = prep.apply(Frame.of(holes.column("x"), CategoricalColumn.of("c", "r")));
                    }
                    Frame result = out;
                    assertEquals(!Double.isNaN(result.doubles("x").getDouble(0)), prep.acceptsMissing("x"),
                            "chain " + n + "/" + l);
                    boolean cDefined = !failed && result.columnNames().stream().filter(name -> name.startsWith("c"))
                            .allMatch(name -> !Double.isNaN(result.doubles(name).getDouble(0)));
                    assertEquals(cDefined, prep.acceptsMissing("c"), "chain " + n + "/" + l);
                });
    }

    /** Issue 9, part 3: an infinity used to fit a NaN offset and turn every scaled value missing. */
    @Test
    void fit_infiniteNumber_isRefusedNamingColumnRowValueAndWhatToDo() {
        Frame f = Frame.of(DoubleColumn.of("income", 1, Double.NEGATIVE_INFINITY, 3, Double.POSITIVE_INFINITY),
                CategoricalColumn.of("c", "x", "y", "x", "y"));
        Preprocessing chain = Preprocessing.newBuilder().impute(Imputation.MEDIAN, "income")
                .scale(Scaling.STANDARD, "income").oneHot(UnseenCategories.IGNORE, "c").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> chain.fit(f));
        assertEquals("Column 'income' holds -Infinity at row 1 (and 1 more infinite values), but preprocessing fits"
                + " finite numbers only: a fill value, mean or scale fitted on an infinity is meaningless and turns"
                + " every transformed value missing. Clean the column first: cap it to a finite range, or set the"
                + " infinities missing and impute them", e.getMessage());
        Frame passThrough = Frame.of(DoubleColumn.of("x", 1, Double.POSITIVE_INFINITY));
        e = assertThrows(IllegalArgumentException.class, () -> Preprocessing.newBuilder().build().fit(passThrough));
        assertTrue(e.getMessage().startsWith("Column 'x' holds Infinity at row 1, but"), e.getMessage());
        FittedPreprocessing excluded = Preprocessing.newBuilder().exclude("x").oneHot(UnseenCategories.IGNORE, "c")
                .build().fit(Frame.of(passThrough.column("x"), CategoricalColumn.of("c", "a", "b")));
        assertEquals(List.of("c=a", "c=b"), excluded.outputNames(), "a column the chain does not read is not checked");
    }
}
