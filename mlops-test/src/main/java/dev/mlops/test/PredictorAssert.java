package dev.mlops.test;

import dev.mlops.serve.ModelServer;
import dev.mlops.train.TrainedModel;
import org.assertj.core.api.AbstractAssert;

/** Assertions on a model under test, served or trained: whether it agrees with another one. */
public final class PredictorAssert extends AbstractAssert<PredictorAssert, Predictor> {
    private final String name;

    PredictorAssert(Predictor actual, String name) {
        super(actual, PredictorAssert.class);
        this.name = name;
    }

    /** Compares with another predictor; finish with {@link AgreementAssert#onRows}. */
    public AgreementAssert agreesWith(Predictor other) {
        isNotNull();
        return new AgreementAssert(actual, name, other, "the other model");
    }

    /** Compares with a trained model; finish with {@link AgreementAssert#onRows}. */
    public AgreementAssert agreesWith(TrainedModel trained) {
        isNotNull();
        return new AgreementAssert(actual, name, Predictor.of(trained), "the trained model");
    }

    /** Compares with a served model; finish with {@link AgreementAssert#onRows}. */
    public AgreementAssert agreesWith(ModelServer served) {
        isNotNull();
        return new AgreementAssert(actual, name, Predictor.of(served), "the served model");
    }
}
