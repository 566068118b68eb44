package example;

import static dev.mlops.test.MlopsAssertions.assertThat;

import dev.mlops.api.Frame;
import dev.mlops.api.model.ModelRepository;
import dev.mlops.data.split.Splitter;
import dev.mlops.data.split.TrainTestSplit;
import dev.mlops.data.validate.Validator;
import dev.mlops.features.Preprocessing;
import dev.mlops.features.Transform;
import dev.mlops.serve.ModelServer;
import dev.mlops.test.BehaviourChecks;
import dev.mlops.test.BehaviourChecks.Direction;
import dev.mlops.test.Datasets;
import dev.mlops.test.Predictor;
import dev.mlops.test.junit.MlopsExtension;
import dev.mlops.test.junit.ModelServerExtension;
import dev.mlops.train.Evaluator;
import dev.mlops.train.TrainedModel;
import dev.mlops.train.Trainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(MlopsExtension.class)
class CreditModelTest {
    static TrainTestSplit split;
    static TrainedModel model;

    @RegisterExtension
    static ModelServerExtension served = ModelServerExtension.fromTrainedModel(() -> model);

    @BeforeAll
    static void train() {
        Frame credit = Datasets.credit().select("checking_status", "duration", "credit_amount", "age",
                "savings_status", "personal_status", "purpose", "class");
        split = Splitter.stratified("class", 0.2, 42).split(credit);
        model = Trainer.logisticRegression().seed(42).preprocessing(Preprocessing.newBuilder()
                .scale(Transform.Scaling.STANDARD, "duration", "credit_amount", "age")
                .oneHot(Transform.UnseenCategories.IGNORE, "checking_status", "savings_status")
                .exclude("personal_status", "purpose")           // a protected attribute, and a slice to check
                .build().fit(split.train())).train(split.train(), "class");
    }

    @Test
    void heldOutRows_keepTheTrainingContract() {
        assertThat(Validator.inferFrom(split.train()).expect("age").between(18, 100).validate(split.test()))
                .hasNoErrors();
    }

    @Test
    void model_beatsTheBaselines() {
        assertThat(Evaluator.classification().evaluate(model, split.test()))
                .beatsBaselineBy(0.03).metric("roc_auc").isAtLeast(0.7);
    }

    @Test
    void servedModel_agreesWithTheTrainedOne(ModelServer server) {
        assertThat(server).agreesWith(model).withTolerance(1e-5).onRows(split.test());
    }

    @Test
    void servedModel_behavesAsAReviewerExpects(ModelServer server) {
        assertThat(BehaviourChecks.of(Predictor.of(server), split.test())
                .invariantTo("personal_status", 1e-9)
                .directional("credit_amount", 1000, Predictor.probabilityOf("good"), Direction.NOT_INCREASING, 1e-6)
                .sliceFloor("purpose", "class", "accuracy", 0.6, 20)
                .run()).allChecksPassed();
    }

    @Test
    void release_registersTheServedArtifact(ModelRepository repository) {
        repository.register("credit", ModelServerExtension.artifactOf(model));
        assertThat(repository.versions("credit")).hasSize(1);
    }
}
