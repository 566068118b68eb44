package dev.mlops.features.internal;

import dev.mlops.features.internal.FeatureData.Feature;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.SelectedFeatureSet;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.fs.CMIM;
import org.tribuo.classification.fs.JMI;
import org.tribuo.classification.fs.mRMR;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Runs Tribuo's information-theoretic selectors (mRMR, JMI, CMIM) on a frame. Tribuo bins every feature into equal
 * width bins itself; to keep our binning (equal frequency, categories as they are) we hand it the codes
 * {@code 1..levels} of each feature and as many bins as the widest feature has levels, so Tribuo's bins reproduce
 * the codes one to one. Codes start at 1 because Tribuo's sparse examples read an absent feature as 0.
 */
public final class TribuoAdapter {
    /** Which Tribuo selector. */
    public enum Algorithm {
        /** Minimum redundancy, maximum relevance. */
        MRMR,
        /** Joint mutual information. */
        JMI,
        /** Conditional mutual information maximisation. */
        CMIM
    }

    private TribuoAdapter() {
    }

    /** The selected features in Tribuo's order, with Tribuo's scores. */
    public static Map<String, Double> select(FeatureData data, Algorithm algorithm, int k, int bins) {
        List<Feature> features = data.features();
        int n = data.rows();
        int f = features.size();
        if (f == 0) {
            return new LinkedHashMap<>();
        }
        int[][] codes = new int[f][];
        int maxLevels = 2;
        for (int j = 0; j < f; j++) {
            codes[j] = Scorers.discrete(features.get(j), bins);
            maxLevels = Math.max(maxLevels, codes[j][n]);
        }
        String[] names = new String[f];
        for (int j = 0; j < f; j++) {
            names[j] = features.get(j).name();
        }
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> dataset = new MutableDataset<>(
                new SimpleDataSourceProvenance("mlops Frame", factory), factory);
        int[] y = data.labelClasses();
        Label[] labels = new Label[data.classCount()];
        for (int c = 0; c < labels.length; c++) {
            labels[c] = new Label("class-" + c);
        }
        for (int i = 0; i < n; i++) {
            double[] values = new double[f];
            for (int j = 0; j < f; j++) {
                values[j] = codes[j][i] + 1;
            }
            Example<Label> ex = new ArrayExample<>(labels[y[i]], names, values);
            dataset.add(ex);
        }
        int want = Math.min(k, f);
        int threads = 1;
        org.tribuo.FeatureSelector<Label> selector = switch (algorithm) {
            case MRMR -> new mRMR(want, maxLevels, threads);
            case JMI -> new JMI(want, maxLevels, threads);
            case CMIM -> new CMIM(want, maxLevels, threads);
        };
        SelectedFeatureSet set = selector.select(dataset);
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < set.featureNames().size(); i++) {
            out.put(set.featureNames().get(i), set.featureScores().get(i));
        }
        for (String name : names) {
            if (!out.containsKey(name)) {
                data.notes().putIfAbsent(name, "not selected by " + algorithm + " among the top " + want);
            }
        }
        return out;
    }
}
