package dev.mlops.benchmarks.export;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.mlops.benchmarks.Floor;
import dev.mlops.train.onnx.ExportedModel;
import dev.mlops.train.onnx.OnnxExport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.ONNXExportable;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.ensemble.VotingCombiner;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * ONNX export: (1) inference of an exported logistic regression, whose graph adds a feature-reordering Gather and
 * an ArgMax, against raw {@code OrtSession.run} on Tribuo's own export of the same model (the floor); (2) a random
 * forest written as one TreeEnsembleRegressor, run in ONNX Runtime, against Tribuo predicting the same rows
 * (the floor; a ratio below one means ONNX is faster); (3) export time against Tribuo's own export.
 * 1024 rows, 20 features, 3 classes, data from a fixed seed.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class ExportBenchmark {
    static final int FEATURES = 20;
    static final int ROWS = 1024;

    OrtEnvironment env;
    Model<Label> logistic;
    Model<Label> forest;
    OrtSession exportedLogistic;
    OrtSession tribuoLogistic;
    OrtSession exportedForest;
    OnnxTensor callerRows;
    OnnxTensor tribuoRows;
    String tribuoInput;
    List<Example<Label>> examples;
    List<String> callerOrder;
    /** The 1024 rows in the caller's order (package-private for {@link ExportCpuTime}). */
    double[][] callerDoubles;

    /** Trains the models, exports them and opens the sessions. */
    @Setup(Level.Trial)
    public void setUp() throws OrtException {
        Random rng = new Random(42);
        callerOrder = new ArrayList<>();
        for (int j = 0; j < FEATURES; j++) {
            callerOrder.add("f" + j);
        }
        Collections.shuffle(callerOrder, rng);
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> train = new MutableDataset<>(new SimpleDataSourceProvenance("bench",
                OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), factory), factory);
        float[][] rows = new float[ROWS][FEATURES];
        examples = new ArrayList<>();
        for (int i = 0; i < 2000 + ROWS; i++) {
            float[] x = new float[FEATURES];
            double score = 0;
            for (int j = 0; j < FEATURES; j++) {
                x[j] = (float) rng.nextGaussian();
                score += (j % 3 - 1) * x[j];
            }
            Label label = new Label(score < -1 ? "low" : score > 1 ? "high" : "mid");
            double[] values = new double[FEATURES];
            for (int j = 0; j < FEATURES; j++) {
                values[j] = x[j];
            }
            Example<Label> e = new ArrayExample<>(label, callerOrder.toArray(new String[0]), values);
            if (i < 2000) {
                train.add(e);
            } else {
                rows[i - 2000] = x;
                examples.add(e);
            }
        }
        logistic = new LogisticRegressionTrainer().train(train);
        forest = new RandomForestTrainer<>(new CARTClassificationTrainer(8, 0.7f, 7L), new VotingCombiner(), 50, 7L).train(train);

        env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(1);
        exportedLogistic = env.createSession(OnnxExport.export(logistic, callerOrder).modelBytes(), options);
        exportedForest = env.createSession(OnnxExport.export(forest, callerOrder).modelBytes(), options);
        OnnxMl.ModelProto own = ((ONNXExportable) logistic).exportONNXModel("bench", 1);
        tribuoLogistic = env.createSession(own.toByteArray(), options);
        tribuoInput = own.getGraph().getInput(0).getName();
        float[][] tribuoOrder = new float[ROWS][FEATURES];
        for (int j = 0; j < FEATURES; j++) {
            int id = logistic.getFeatureIDMap().getID(callerOrder.get(j));
            for (int i = 0; i < ROWS; i++) {
                tribuoOrder[i][id] = rows[i][j];
            }
        }
        // Our exports read doubles (the exact trees, docs/decisions/180); Tribuo's own graph reads floats.
        callerDoubles = new double[ROWS][FEATURES];
        for (int i = 0; i < ROWS; i++) {
            for (int j = 0; j < FEATURES; j++) {
                callerDoubles[i][j] = rows[i][j];
            }
        }
        callerRows = OnnxTensor.createTensor(env, callerDoubles);
        tribuoRows = OnnxTensor.createTensor(env, tribuoOrder);
    }

    /** Closes tensors and sessions. */
    @TearDown(Level.Trial)
    public void tearDown() throws OrtException {
        callerRows.close();
        tribuoRows.close();
        exportedLogistic.close();
        tribuoLogistic.close();
        exportedForest.close();
    }

    /** Our exported logistic regression on 1024 rows in the caller's order. */
    @Benchmark
    @Floor("logisticTribuoGraph1024")
    public float[][] logisticExported1024() throws OrtException {
        try (OrtSession.Result r = exportedLogistic.run(Map.of(OnnxExport.FEATURES, callerRows))) {
            return (float[][]) r.get(OnnxExport.PROBABILITIES).orElseThrow().getValue();
        }
    }

    /** Floor: Tribuo's own export of the same model, raw {@code OrtSession.run}, rows already in Tribuo's order. */
    @Benchmark
    public float[][] logisticTribuoGraph1024() throws OrtException {
        try (OrtSession.Result r = tribuoLogistic.run(Map.of(tribuoInput, tribuoRows))) {
            return (float[][]) r.get(0).getValue();
        }
    }

    /** A 50-tree random forest exported as one TreeEnsembleRegressor, 1024 rows in ONNX Runtime. */
    @Benchmark
    @Floor("forestTribuo1024")
    public float[][] forestExported1024() throws OrtException {
        try (OrtSession.Result r = exportedForest.run(Map.of(OnnxExport.FEATURES, callerRows))) {
            return (float[][]) r.get(OnnxExport.PROBABILITIES).orElseThrow().getValue();
        }
    }

    /** Floor: Tribuo predicting the same 1024 rows. */
    @Benchmark
    public List<Prediction<Label>> forestTribuo1024() {
        return forest.predict(examples);
    }

    /** Exporting the logistic regression with our wrapper. */
    @Benchmark
    @Floor("exportLogisticTribuo")
    public ExportedModel exportLogistic() {
        return OnnxExport.export(logistic, callerOrder);
    }

    /** Floor: Tribuo's own export of the same model. */
    @Benchmark
    public OnnxMl.ModelProto exportLogisticTribuo() {
        return ((ONNXExportable) logistic).exportONNXModel("bench", 1);
    }
}
