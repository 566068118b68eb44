package example;

import dev.mlops.api.FieldRole;
import dev.mlops.api.Frame;
import dev.mlops.data.CsvSource;
import dev.mlops.data.split.Splitter;
import dev.mlops.data.split.TrainTestSplit;
import dev.mlops.train.Evaluation;
import dev.mlops.train.Evaluator;
import dev.mlops.train.TrainedModel;
import dev.mlops.train.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads iris, trains a logistic regression, evaluates it, saves it as JSON and protobuf, and loads it back. */
public final class Pipeline {
    public static void main(String[] args) throws Exception {
        Path iris = Path.of(args[0], "samples/src/main/resources/datasets/iris.csv");
        Path out = Path.of(args[1], "model");
        Frame data = CsvSource.newBuilder(iris).role("class", FieldRole.LABEL).build().read();
        TrainTestSplit split = Splitter.stratified("class", 0.3, 42).split(data);
        TrainedModel model = Trainer.logisticRegression().seed(42).train(split.train(), "class");
        Evaluation evaluation = Evaluator.classification().evaluate(model, split.test());
        model.save(out);
        TrainedModel loaded = TrainedModel.load(out);
        Frame predicted = loaded.predict(split.test());
        if (predicted.rowCount() != split.test().rowCount()
                || !Files.readString(out.resolve("model.json")).contains("\"label\" : \"class\"")) {
            throw new AssertionError("the saved model does not predict the test rows: " + predicted);
        }
        System.out.println("mlops-train consumer: " + evaluation.primaryMetric() + " "
                + evaluation.metrics().get(evaluation.primaryMetric()) + " on " + predicted.rowCount() + " test rows");
    }
}
