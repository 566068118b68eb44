package dev.mlops.train;

import dev.mlops.api.model.ModelTask;
import java.util.List;

/**
 * Raw predictions of one frame, as evaluation needs them: class indices and a probability row per example for
 * classification, values for regression.
 *
 * @param task the model's task
 * @param classes the class names in column order (empty for regression)
 * @param predicted the predicted class index per row (empty for regression)
 * @param probabilities per row, one score per class; probabilities when {@code probabilistic}
 * @param values the predicted value per row (empty for classification)
 * @param probabilistic whether the scores are probabilities (false for margin-based models)
 */
record Scores(ModelTask task, List<String> classes, int[] predicted, double[][] probabilities, double[] values,
              boolean probabilistic) {
}
