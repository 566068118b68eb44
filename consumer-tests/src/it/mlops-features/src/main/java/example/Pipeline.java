package example;

import dev.mlops.api.FieldRole;
import dev.mlops.api.Frame;
import dev.mlops.data.CsvSource;
import dev.mlops.features.FeatureRanking;
import dev.mlops.features.FeatureSelector;
import dev.mlops.features.FittedPreprocessing;
import dev.mlops.features.Preprocessing;
import dev.mlops.features.Transform;
import java.nio.file.Path;

/** Ranks the iris features (Tribuo's information theory), fits scaling, exports it as ONNX and through JSON. */
public final class Pipeline {
    public static void main(String[] args) {
        Path iris = Path.of(args[0], "samples/src/main/resources/datasets/iris.csv");
        Frame data = CsvSource.newBuilder(iris).role("class", FieldRole.LABEL).build().read();
        FeatureRanking ranking = FeatureSelector.mutualInformation().rank(data, "class");
        Frame top = ranking.top(2).project(data);
        FittedPreprocessing fitted = Preprocessing.newBuilder()
                .scale(Transform.Scaling.STANDARD, ranking.top(2).columns().toArray(String[]::new))
                .exclude("class").build().fit(top);
        byte[] onnx = fitted.toOnnx();
        FittedPreprocessing back = FittedPreprocessing.fromJson(fitted.toJson());
        if (onnx.length == 0 || !back.apply(top).fingerprint().equals(fitted.apply(top).fingerprint())) {
            throw new AssertionError("preprocessing does not export or round-trip");
        }
        System.out.println("mlops-features consumer: best " + ranking.top(2).columns() + ", ONNX " + onnx.length
                + " bytes");
    }
}
