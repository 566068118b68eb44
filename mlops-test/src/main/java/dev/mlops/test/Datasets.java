package dev.mlops.test;

import dev.mlops.api.FieldRole;
import dev.mlops.api.Frame;
import dev.mlops.data.CsvSource;
import java.net.URL;
import java.util.List;
import java.util.Map;

/**
 * The public datasets bundled with the kit, read by name from its jar (sources and licences: the
 * {@code dev/mlops/test/datasets/README.md} resource beside them). Each read returns a fresh frame with the label
 * column marked {@link FieldRole#LABEL}; reading is quick (the largest has 1000 rows).
 */
public final class Datasets {
    private static final String FOLDER = "/dev/mlops/test/datasets/";
    /** Each dataset's file and label column. */
    private static final Map<String, String[]> DATASETS = Map.of(
            "credit", new String[]{"credit-g.csv", "class"},
            "diabetes", new String[]{"diabetes.csv", "class"},
            "iris", new String[]{"iris.csv", "class"},
            "glass", new String[]{"glass.csv", "Type"},
            "cpu", new String[]{"cpu.csv", "class"},
            "breast-cancer", new String[]{"breast-cancer.csv", "Class"},
            "vote", new String[]{"vote.csv", "Class"},
            "labor", new String[]{"labor.csv", "class"},
            "unbalanced", new String[]{"unbalanced.csv", "Outcome"});

    private Datasets() {
    }

    /** German credit: 1000 applicants, 20 mixed attributes, label {@code class} (good 700 / bad 300). */
    public static Frame credit() {
        return byName("credit");
    }

    /** Pima Indians diabetes: 768 rows, 8 numeric attributes, label {@code class} (500 / 268). */
    public static Frame diabetes() {
        return byName("diabetes");
    }

    /** Iris: 150 rows, 4 numeric attributes, label {@code class} (3 classes of 50). */
    public static Frame iris() {
        return byName("iris");
    }

    /** Glass identification: 214 rows, 9 numeric attributes, label {@code Type} (6 uneven classes). */
    public static Frame glass() {
        return byName("glass");
    }

    /** Computer hardware: 209 rows, 6 numeric attributes, numeric label {@code class} (regression). */
    public static Frame cpu() {
        return byName("cpu");
    }

    /** Breast cancer: 286 rows, 9 categorical attributes with some missing, label {@code Class} (201 / 85). */
    public static Frame breastCancer() {
        return byName("breast-cancer");
    }

    /** Congressional votes: 435 rows, 16 categorical attributes with many missing, label {@code Class}. */
    public static Frame vote() {
        return byName("vote");
    }

    /** Labor relations: 57 rows, 16 mixed attributes, a third of the cells missing, label {@code class}. */
    public static Frame labor() {
        return byName("labor");
    }

    /** A 70:1 imbalanced problem: 856 rows, 32 numeric attributes, label {@code Outcome} (844 / 12). */
    public static Frame unbalanced() {
        return byName("unbalanced");
    }

    /** The names {@link #byName} takes. */
    public static List<String> names() {
        return DATASETS.keySet().stream().sorted().toList();
    }

    /** The label column of a dataset. */
    public static String label(String name) {
        return entry(name)[1];
    }

    /** Where a dataset's CSV file is on the class path. */
    public static URL url(String name) {
        String file = entry(name)[0];
        URL url = Datasets.class.getResource(FOLDER + file);
        if (url == null) {
            throw new IllegalStateException("The dataset " + file + " is not on the class path at " + FOLDER
                    + "; mlops-test's jar ships it, so check that the jar is the one built by its pom");
        }
        return url;
    }

    /** A dataset by name (see {@link #names()}), its label column marked as such. */
    public static Frame byName(String name) {
        return CsvSource.newBuilder(url(name)).role(label(name), FieldRole.LABEL).build().read();
    }

    private static String[] entry(String name) {
        String[] e = DATASETS.get(name);
        if (e == null) {
            throw new IllegalArgumentException("No bundled dataset '" + name + "'; the datasets are " + names());
        }
        return e;
    }
}
