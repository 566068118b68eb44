package dev.mlops.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TrainerSettingsTest {

    static Stream<TrainerSettings> all() {
        return Stream.of(TrainerSettings.LogisticRegression.defaults(),
                TrainerSettings.FactorizationMachineClassifier.defaults(),
                TrainerSettings.LibLinearClassifier.defaults(), TrainerSettings.LibSvmClassifier.defaults(),
                TrainerSettings.CartClassifier.defaults(), TrainerSettings.RandomForestClassifier.defaults(),
                TrainerSettings.XGBoostClassifier.defaults(), TrainerSettings.LinearSgdRegressor.defaults(),
                TrainerSettings.FactorizationMachineRegressor.defaults(), TrainerSettings.LibLinearRegressor.defaults(),
                TrainerSettings.CartRegressor.defaults(), TrainerSettings.XGBoostRegressor.defaults(),
                TrainerSettings.ElasticNetRegressor.defaults(), TrainerSettings.LibLinearRegressor.leastSquares());
    }

    @ParameterizedTest
    @MethodSource("all")
    void json_roundTrip_isEqual(TrainerSettings s) {
        String json = s.toJson();
        assertTrue(json.contains("\"algorithm\" : \"" + s.algorithm() + "\""), json);
        assertEquals(s, TrainerSettings.fromJson(json));
    }

    @ParameterizedTest
    @MethodSource("all")
    void withSeed_changesOnlyTheSeed(TrainerSettings s) {
        TrainerSettings t = s.withSeed(7);
        assertEquals(7, t.seed());
        assertEquals(s.task(), t.task());
        assertEquals(s.toParams().size(), t.toParams().size());
        assertEquals(s, t.withSeed(s.seed()));
    }

    @Test
    void toParams_flattensEverySetting() {
        assertEquals("{algorithm=logistic-regression, average=true, epochs=100, l2=1.0, learningRate=0.5,"
                + " minibatchSize=1, seed=42}", TrainerSettings.LogisticRegression.defaults().toParams().toString());
    }

    @Test
    void fromJson_logisticRegressionSavedBeforeL2_readsAsUnpenalisedAndUnaveraged() {
        TrainerSettings old = TrainerSettings.fromJson("{\"algorithm\" : \"logistic-regression\", \"epochs\" : 5,"
                + " \"learningRate\" : 1.0, \"minibatchSize\" : 1, \"seed\" : 42}");
        assertEquals(new TrainerSettings.LogisticRegression(5, 1.0, 1, 0.0, false, 42L), old);
    }

    @Test
    void elasticNet_noL1_isRefusedWithWhatToUseInstead() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainerSettings.ElasticNetRegressor.defaults().with("l1Ratio", 0.0));
        assertTrue(e.getMessage().contains("linearRegression"), e.getMessage());
    }

    @Test
    void with_badValue_saysWhatIsWrong() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainerSettings.XGBoostClassifier.defaults().with("eta", -1.0));
        assertTrue(e.getMessage().contains("eta must be a positive"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TrainerSettings.LibLinearClassifier.defaults().with("type", "NOPE"));
        assertTrue(e.getMessage().contains("L2R_LR"), e.getMessage());
    }

    @Test
    void fromJson_unknownAlgorithm_isADataException() {
        dev.mlops.api.DataException e = assertThrows(dev.mlops.api.DataException.class,
                () -> TrainerSettings.fromJson("{\"algorithm\": \"magic\", \"seed\": 1}"));
        assertTrue(e.getMessage().contains("type id 'magic'")
                && e.getMessage().contains("known type ids")
                && e.getMessage().contains("xgboost-classifier"), e.getMessage());
    }

    @Test
    void randomForest_allFeaturesPerSplit_isRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainerSettings.RandomForestClassifier.defaults().with("fractionFeatures", 1.0));
        assertTrue(e.getMessage().contains("fractionFeatures")
                && e.getMessage().contains("in (0, 1)")
                && e.getMessage().contains("not 1.0"), e.getMessage());
    }
}
