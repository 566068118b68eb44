package dev.mlops.benchmarks.train;

import dev.mlops.benchmarks.Floor;
import dev.mlops.train.Trainer;
import dev.mlops.train.TrainerSettings;
import dev.mlops.train.TrainedModel;
import java.time.OffsetDateTime;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.dtree.impurity.GiniIndex;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Training through the SDK (Frame in, TrainedModel out, conversion included) against the same Tribuo trainer
 * called directly on a dataset built beforehand; and the Frame-to-dataset conversion against building the same
 * dataset by hand from the primitive arrays.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TrainBenchmark {
    @Param({"5000"})
    public int rows;

    @Param({"logistic-regression", "cart-classifier"})
    public String algorithm;

    private TrainData data;
    private Trainer trainer;
    private MutableDataset<Label> prebuilt;

    @Setup
    public void setUp() {
        data = new TrainData(rows, 42);
        trainer = algorithm.equals("logistic-regression")
                ? Trainer.of(logisticRegression())
                : Trainer.of(TrainerSettings.CartClassifier.defaults());
        prebuilt = handBuilt();
    }

    private org.tribuo.Trainer<Label> tribuoTrainer() {
        if (algorithm.equals("logistic-regression")) {
            TrainerSettings.LogisticRegression s = logisticRegression();
            return new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(s.learningRate(), 0.1), s.epochs(), -1,
                    s.minibatchSize(), s.seed());
        }
        TrainerSettings.CartClassifier s = TrainerSettings.CartClassifier.defaults();
        return new CARTClassificationTrainer(s.maxDepth(), (float) s.minChildWeight(), 0f,
                (float) s.fractionFeatures(), false, new GiniIndex(), s.seed());
    }

    /**
     * The default logistic regression without its L2 penalty and averaging (decision 086), which the raw Tribuo
     * trainer below does not have: both sides then run the same SGD, and the ratio measures our conversion and
     * wrapping alone.
     */
    private static TrainerSettings.LogisticRegression logisticRegression() {
        return (TrainerSettings.LogisticRegression) TrainerSettings.LogisticRegression.defaults()
                .with(java.util.Map.of("l2", 0.0, "average", false));
    }

    private MutableDataset<Label> handBuilt() {
        LabelFactory f = new LabelFactory();
        MutableDataset<Label> ds = new MutableDataset<>(new SimpleDataSourceProvenance("bench", OffsetDateTime.now(),
                f), f);
        int width = TrainData.NUMERIC + 2;
        String[] names = new String[width];
        double[] values = new double[width];
        Label good = new Label("good");
        Label bad = new Label("bad");
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < TrainData.NUMERIC; j++) {
                names[j] = "x" + j;
                values[j] = data.numeric[j][i];
            }
            names[TrainData.NUMERIC] = "c0=" + data.categorical[0][i];
            names[TrainData.NUMERIC + 1] = "c1=" + data.categorical[1][i];
            values[TrainData.NUMERIC] = 1;
            values[TrainData.NUMERIC + 1] = 1;
            ds.add(new ArrayExample<>(data.label[i].equals("good") ? good : bad, names, values));
        }
        return ds;
    }

    /** Frame to trained model through the SDK, conversion included. */
    @Benchmark
    @Floor("tribuoTrain")
    public TrainedModel sdkTrain() {
        return trainer.train(data.frame, "class");
    }

    /** The same Tribuo trainer on a dataset built beforehand. */
    @Benchmark
    public Model<Label> tribuoTrain() {
        return tribuoTrainer().train(prebuilt);
    }

    /** The SDK's Frame-to-dataset conversion alone. */
    @Benchmark
    @Floor("handConvert")
    public MutableDataset<?> sdkConvert() {
        return trainer.dataset(data.frame, "class");
    }

    /** The same dataset built by hand from the primitive arrays. */
    @Benchmark
    public MutableDataset<Label> handConvert() {
        return handBuilt();
    }
}
