package dev.mlops.test;

import dev.mlops.api.Frame;
import dev.mlops.train.TrainedModel;
import dev.mlops.train.Trainer;

/** A model with a known answer, trained once for the kit's tests. */
final class Fixtures {
    /** 300 rows where {@code class} is good exactly when {@code x1 > 0}. */
    static final Frame TRAIN = SyntheticFrame.threshold(300, 1);
    /** 200 more rows of the same rule. */
    static final Frame TEST = SyntheticFrame.newBuilder(200, 2).uniform("x1", -1, 1).uniform("x2", -1, 1)
            .categorical("group", "a", "b").id("id")
            .label("class", r -> r.getDouble("x1") > 0 ? "good" : "bad").build();
    /** A logistic regression on {@link #TRAIN}: it sees x1 and x2, never group or id. */
    static final TrainedModel MODEL = Trainer.logisticRegression().seed(42).train(TRAIN, "class");

    private Fixtures() {
    }
}
