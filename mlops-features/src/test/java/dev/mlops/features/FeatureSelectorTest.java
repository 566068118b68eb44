package dev.mlops.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.BooleanColumn;
import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.FieldRole;
import dev.mlops.api.Frame;
import dev.mlops.api.LongColumn;
import dev.mlops.api.TextColumn;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The rankers on small frames with known answers and on edge cases. */
class FeatureSelectorTest {

    /** A frame where {@code signal} decides the class, {@code noise} does not, and {@code colour} mostly does. */
    static Frame mixed(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] signal = new double[n];
        double[] noise = new double[n];
        String[] colour = new String[n];
        String[] label = new String[n];
        long[] id = new long[n];
        for (int i = 0; i < n; i++) {
            boolean good = r.nextBoolean();
            label[i] = good ? "good" : "bad";
            signal[i] = (good ? 2 : 0) + r.nextGaussian() * 0.5;
            noise[i] = r.nextGaussian();
            colour[i] = r.nextDouble() < 0.8 ? (good ? "green" : "red") : "blue";
            id[i] = i;
        }
        return Frame.of(DoubleColumn.of("signal", signal), DoubleColumn.of("noise", noise),
                CategoricalColumn.of("colour", colour), LongColumn.of("id", id), CategoricalColumn.of("class", label))
                .withRole("id", FieldRole.ID);
    }

    @Test
    void mutualInformation_informativeFeaturesFirst_idNotRanked() {
        Frame f = mixed(2000, 1);
        FeatureRanking ranking = FeatureSelector.mutualInformation().rank(f, "class");
        assertEquals("noise", ranking.names().get(2), ranking.format());
        assertEquals(List.of("signal", "colour", "noise"), ranking.names());
        assertTrue(ranking.score("noise").orElseThrow() < 0.01);
        assertEquals("mutual_information", ranking.method());
        assertEquals(f.fingerprint(), ranking.dataFingerprint());
        assertEquals("class", ranking.label());
        assertEquals("13", ranking.settings().get("bins"));
    }

    @Test
    void mutualInformation_perfectlyDependentBinary_isLn2PlusMillerMadowTerm() {
        int n = 100;
        String[] x = new String[n];
        String[] y = new String[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % 2 == 0 ? "a" : "b";
            y[i] = i % 2 == 0 ? "yes" : "no";
        }
        FeatureRanking ranking = FeatureSelector.mutualInformation()
                .rank(Frame.of(CategoricalColumn.of("x", x), CategoricalColumn.of("y", y)), "y");
        assertEquals(Math.log(2) + 1.0 / (2 * n), ranking.score("x").orElseThrow(), 1e-12);
    }

    @Test
    void mutualInformation_missingValuesAreABinOfTheirOwn() {
        // The feature is missing exactly when the class is "bad": missingness carries all the information.
        int n = 200;
        double[] x = new double[n];
        String[] y = new String[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % 2 == 0 ? Double.NaN : 1.0;
            y[i] = i % 2 == 0 ? "bad" : "good";
        }
        FeatureRanking ranking = FeatureSelector.mutualInformation()
                .rank(Frame.of(DoubleColumn.of("x", x), CategoricalColumn.of("y", y)), "y");
        assertTrue(ranking.score("x").orElseThrow() > 0.69, ranking.format());
    }

    @Test
    void chiSquared_categoricalFeature_isPearsonsStatistic() {
        // Table [[10, 20], [30, 40]]: SciPy's chi2_contingency(correction=False) gives 0.7936507936507936.
        String[] x = new String[100];
        String[] y = new String[100];
        for (int i = 0; i < 100; i++) {
            x[i] = i < 30 ? "a" : "b";
            y[i] = i < 10 || (i >= 30 && i < 60) ? "p" : "q";
        }
        FeatureRanking ranking = FeatureSelector.chiSquared()
                .rank(Frame.of(CategoricalColumn.of("x", x), CategoricalColumn.of("y", y)), "y");
        assertEquals(0.7936507936507936, ranking.score("x").orElseThrow(), 1e-12);
    }

    @Test
    void chiSquared_negativeValues_notRankedWithANote() {
        FeatureRanking ranking = FeatureSelector.chiSquared().rank(mixed(200, 2), "class");
        assertFalse(ranking.score("noise").isPresent());
        assertTrue(ranking.notes().get("noise").contains("negative"));
        assertTrue(ranking.score("colour").isPresent(), "categories are scored directly");
    }

    @Test
    void anovaF_categoricalFeature_notRankedWithANote() {
        FeatureRanking ranking = FeatureSelector.anovaF().rank(mixed(200, 3), "class");
        assertEquals(List.of("signal", "noise"), ranking.names());
        assertTrue(ranking.notes().get("colour").contains("categorical"));
    }

    @Test
    void textAndTimestampColumns_notRankedWithANote() {
        Frame f = mixed(50, 4).withColumn(TextColumn.of("comment", new String[50]))
                .withColumn(LongColumn.ofInstants("at", new java.time.Instant[50]));
        FeatureRanking ranking = FeatureSelector.mutualInformation().rank(f, "class");
        assertFalse(ranking.score("comment").isPresent());
        assertTrue(ranking.notes().containsKey("comment"));
        assertTrue(ranking.notes().containsKey("at"));
    }

    @Test
    void missingLabels_rowsLeftOutAndNoted() {
        Frame f = Frame.of(DoubleColumn.of("x", 1, 2, 3, 4, 5, 6), CategoricalColumn.of("y", "a", null, "a", "b", "b", "b"));
        FeatureRanking ranking = FeatureSelector.anovaF().rank(f, "y");
        assertTrue(ranking.notes().get("y").contains("1 rows"));
        // Groups {1, 3} and {4, 5, 6}: means 2 and 5, grand mean 3.8, SSB = 2 * 1.8^2 + 3 * 1.2^2 = 10.8 (df 1),
        // SSW = 2 + 2 = 4 (df 3).
        assertEquals(10.8 / (4.0 / 3), ranking.score("x").orElseThrow(), 1e-12);
    }

    @Test
    void variance_isPopulationVariance_andWorksWithoutALabel() {
        Frame f = Frame.of(DoubleColumn.of("a", 1, 2, 3, 4), DoubleColumn.of("b", 5, 5, 5, Double.NaN),
                BooleanColumn.of("c", true, false, true, false));
        FeatureRanking ranking = FeatureSelector.variance().rank(f, null);
        assertEquals(1.25, ranking.score("a").orElseThrow(), 1e-12);
        assertEquals(0.0, ranking.score("b").orElseThrow(), 1e-12);
        assertEquals(0.25, ranking.score("c").orElseThrow(), 1e-12);
        assertEquals(List.of("a", "c"), ranking.aboveScore(0).columns());
    }

    @Test
    void correlationFilter_dropsTheLaterOfACorrelatedPair() {
        SplittableRandom r = new SplittableRandom(5);
        int n = 500;
        double[] a = new double[n];
        double[] twin = new double[n];
        double[] other = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextGaussian();
            twin[i] = -2 * a[i] + r.nextGaussian() * 0.01;
            other[i] = r.nextGaussian();
        }
        Frame f = Frame.of(DoubleColumn.of("a", a), DoubleColumn.of("twin", twin), DoubleColumn.of("other", other));
        FeatureRanking ranking = FeatureSelector.correlationFilter(0.9).rank(f, null);
        assertEquals(List.of("a", "other"), ranking.aboveScore(0).columns().stream().sorted().toList());
        assertEquals(0.0, ranking.score("twin").orElseThrow());
        assertTrue(ranking.notes().get("twin").contains("'a'"), ranking.notes().toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FeatureSelector.correlationFilter(1.5));
        assertTrue(e.getMessage().contains("threshold in [0, 1]")
                && e.getMessage().contains("got 1.5"), e.getMessage());
    }

    @Test
    void fRegression_categoricalLabel_rejectedWithAdvice() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FeatureSelector.fRegression().rank(mixed(20, 6), "class"));
        assertTrue(e.getMessage().contains("regression"), e.getMessage());
    }

    @Test
    void fRegression_categoricalFeature_isOneWayAnovaOfTheLabel() {
        Frame f = Frame.of(CategoricalColumn.of("g", "a", "a", "b", "b", "b"), DoubleColumn.of("y", 1, 3, 4, 5, 6));
        FeatureRanking ranking = FeatureSelector.fRegression().rank(f, "y");
        assertEquals(10.8 / (4.0 / 3), ranking.score("g").orElseThrow(), 1e-12);
    }

    @Test
    void unknownOrMissingLabel_failsNamingTheColumns() {
        Frame f = mixed(10, 7);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FeatureSelector.mutualInformation().rank(f, "nope"));
        assertTrue(e.getMessage().contains("signal"));
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> FeatureSelector.chiSquared().rank(f, null));
        assertTrue(thrown.getMessage().contains("name the label column")
                && thrown.getMessage().contains("[signal, noise, colour, id, class]"), thrown.getMessage());
    }

    @Test
    void edgeCases_emptyFrameOneRowConstantAndInfinities() {
        Frame empty = mixed(0, 8);
        assertEquals(3, FeatureSelector.mutualInformation().rank(empty, "class").scores().size());
        Frame one = mixed(1, 8);
        for (FeatureSelector s : List.of(FeatureSelector.mutualInformation(), FeatureSelector.anovaF(),
                FeatureSelector.chiSquared(), FeatureSelector.mrmr(2))) {
            FeatureRanking r = s.rank(one, "class");
            r.scores().forEach(sc -> assertFalse(Double.isNaN(sc.score()), s + " " + sc));
        }
        Frame odd = Frame.of(DoubleColumn.of("constant", 3, 3, 3, 3), DoubleColumn.of("inf", Double.NEGATIVE_INFINITY,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY), CategoricalColumn.of("y", "a", "b", "a", "b"));
        FeatureRanking mi = FeatureSelector.mutualInformation().rank(odd, "y");
        assertEquals(0.0, mi.score("constant").orElseThrow());
        assertTrue(mi.score("inf").orElseThrow() > 0);
    }

    @Test
    void mutualInformationBins_validated() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FeatureSelector.mutualInformation(1));
        assertTrue(e.getMessage().contains("bins must be 0")
                && e.getMessage().contains("at least 2, got 1"), e.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> FeatureSelector.mrmr(0));
        assertTrue(e2.getMessage().contains("MRMR needs k >= 1")
                && e2.getMessage().contains("got 0"), e2.getMessage());
        assertEquals("4", FeatureSelector.mutualInformation(4).rank(mixed(100, 9), "class").settings().get("bins"));
    }

    @Test
    void rankingIsDeterministic() {
        Frame f = mixed(500, 10);
        assertEquals(FeatureSelector.mutualInformation().rank(f, "class"),
                FeatureSelector.mutualInformation().rank(f, "class"));
        assertEquals(FeatureSelector.jmi(2).rank(f, "class"), FeatureSelector.jmi(2).rank(f, "class"));
    }
}
