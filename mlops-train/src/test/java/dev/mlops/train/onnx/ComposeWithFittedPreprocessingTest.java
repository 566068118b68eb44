package dev.mlops.train.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Field;
import dev.mlops.api.FieldRole;
import dev.mlops.api.FieldType;
import dev.mlops.api.Frame;
import dev.mlops.api.LongColumn;
import dev.mlops.features.FittedPreprocessing;
import dev.mlops.features.Preprocessing;
import dev.mlops.features.Transform;
import org.junit.jupiter.api.Test;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.nio.DoubleBuffer;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The artifact's real path: a fitted mlops-features chain (impute, scale, one-hot) composed with an exported model
 * predicts, from the raw columns, what {@code preprocessing.apply(frame)} followed by the Tribuo model predicts,
 * on rows with missing numbers, missing categories and categories never seen in training. The chain's graph
 * computes in double as apply(frame) does, so every model, XGBoost included (whose splits sit exactly on training
 * values), sees the same features (docs/decisions/180; decision 064 held XGBoost to the graph's float features).
 */
class ComposeWithFittedPreprocessingTest {
    private static final String[] COLOURS = {"red", "green", "blue"};

    @Test
    void compose_fittedChain_matchesApplyThenTribuo_withMissingAndUnseenValues() throws OrtException {
        Frame train = frame(300, 1, false);
        Frame test = frame(200, 2, true);
        FittedPreprocessing prep = Preprocessing.newBuilder()
                .impute(Transform.Imputation.MEDIAN, "age", "amount")
                .impute(Transform.Imputation.MOST_FREQUENT, "colour")
                .scale(Transform.Scaling.STANDARD, "age", "amount", "count")
                .oneHot(Transform.UnseenCategories.IGNORE, "colour")
                .build().fit(train);
        MutableDataset<Label> dataset = dataset(prep.apply(train), prep.outputNames(), train);
        for (Model<Label> model : List.of(new LogisticRegressionTrainer().train(dataset),
                new CARTClassificationTrainer(6).train(dataset), new XGBoostClassificationTrainer(10).train(dataset))) {
            assertComposedParity(prep, model, test, examples(prep.apply(test), prep.outputNames(), test));
        }
        // The graph's features are apply(frame)'s, bit for bit.
        double[][] onnxFeatures = (double[][]) run(prep.toOnnx(), prep, test).get(OnnxExport.FEATURES);
        Frame java = prep.apply(test);
        for (int j = 0; j < prep.outputCount(); j++) {
            double[] column = java.doubles(prep.outputNames().get(j)).toArray();
            for (int i = 0; i < column.length; i++) {
                assertEquals(column[i], onnxFeatures[i][j], 0.0, prep.outputNames().get(j) + " row " + i);
            }
        }
    }

    private static void assertComposedParity(FittedPreprocessing prep, Model<Label> model, Frame test,
                                             List<Example<Label>> expected) throws OrtException {
        ExportedModel composed = OnnxExport.compose(prep.toOnnxModel(), OnnxExport.export(model, prep.outputNames()));
        Parity.save("fitted-chain-" + model.getClass().getSimpleName(), composed);
        Map<String, Object> out = run(composed.modelBytes(), prep, test);
        long[] labels = (long[]) out.get(OnnxExport.LABEL);
        float[][] probs = (float[][]) out.get(OnnxExport.PROBABILITIES);
        for (int i = 0; i < test.rowCount(); i++) {
            Prediction<Label> p = model.predict(expected.get(i));
            String where = model.getClass().getSimpleName() + " row " + i;
            assertEquals(p.getOutput().getLabel(), composed.labelNames().get((int) labels[i]), where);
            for (int j = 0; j < composed.labelNames().size(); j++) {
                assertEquals(p.getOutputScores().get(composed.labelNames().get(j)).getScore(), probs[i][j],
                        Parity.TOLERANCE, where);
            }
        }
    }


    /** age, amount (double, some NaN in test), count (integer), colour (categorical, missing and unseen in test), class. */
    static Frame frame(int n, long seed, boolean holes) {
        Random rng = new Random(seed);
        double[] age = new double[n];
        double[] amount = new double[n];
        long[] count = new long[n];
        String[] colour = new String[n];
        String[] label = new String[n];
        for (int i = 0; i < n; i++) {
            age[i] = 20 + 50 * rng.nextDouble();
            amount[i] = Math.exp(6 + rng.nextGaussian());
            count[i] = rng.nextInt(5);
            int c = rng.nextInt(3);
            colour[i] = COLOURS[c];
            double score = (age[i] - 45) / 10 - (Math.log(amount[i]) - 6) + (c == 0 ? 1 : c == 1 ? -1 : 0)
                    + 0.3 * count[i] + 0.5 * rng.nextGaussian();
            label[i] = score > 0 ? "good" : "bad";
            if (holes) {
                if (i % 7 == 0) {
                    age[i] = Double.NaN;
                }
                if (i % 11 == 0) {
                    amount[i] = Double.NaN;
                }
                if (i % 13 == 0) {
                    colour[i] = null;
                } else if (i % 17 == 0) {
                    colour[i] = "purple";
                }
            }
        }
        return Frame.of(DoubleColumn.of("age", age), DoubleColumn.of("amount", amount), LongColumn.of("count", count),
                CategoricalColumn.of("colour", colour), CategoricalColumn.of("class", label)).withRole("class", FieldRole.LABEL);
    }

    static MutableDataset<Label> dataset(Frame features, List<String> names, Frame raw) {
        LabelFactory f = new LabelFactory();
        MutableDataset<Label> d = new MutableDataset<>(new SimpleDataSourceProvenance("fitted-chain",
                OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), f), f);
        examples(features, names, raw).forEach(d::add);
        return d;
    }

    static List<Example<Label>> examples(Frame features, List<String> names, Frame raw) {
        List<Example<Label>> out = new ArrayList<>();
        for (int i = 0; i < features.rowCount(); i++) {
            double[] values = new double[names.size()];
            for (int j = 0; j < values.length; j++) {
                values[j] = features.doubles(names.get(j)).getDouble(i);
            }
            out.add(new ArrayExample<>(new Label(raw.categorical("class").getString(i)), names.toArray(new String[0]), values));
        }
        return out;
    }

    /** Feeds the raw columns as the composed graph's inputs: numbers as double [N,1], categories as string [N,1]. */
    static Map<String, Object> run(byte[] model, FittedPreprocessing prep, Frame frame) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        int n = frame.rowCount();
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = env.createSession(model, options)) {
            for (Field f : prep.inputFields()) {
                Column c = frame.column(f.name());
                if (f.type() == FieldType.CATEGORICAL || f.type() == FieldType.TEXT) {
                    String[] s = new String[n];
                    for (int i = 0; i < n; i++) {
                        Object v = c.value(i);
                        s[i] = v == null ? "" : v.toString();
                    }
                    inputs.put(f.name(), OnnxTensor.createTensor(env, s, new long[]{n, 1}));
                } else {
                    double[] x = new double[n];
                    for (int i = 0; i < n; i++) {
                        Object v = c.value(i);
                        x[i] = v == null ? Double.NaN : ((Number) v).doubleValue();
                    }
                    inputs.put(f.name(), OnnxTensor.createTensor(env, DoubleBuffer.wrap(x), new long[]{n, 1}));
                }
            }
            try (OrtSession.Result result = session.run(inputs)) {
                Map<String, Object> out = new HashMap<>();
                for (Map.Entry<String, ai.onnxruntime.OnnxValue> e : result) {
                    out.put(e.getKey(), e.getValue().getValue());
                }
                return out;
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }
}
