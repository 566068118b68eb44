package dev.mlops.train;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Field;
import dev.mlops.api.Frame;
import dev.mlops.api.LongColumn;
import dev.mlops.api.model.ModelTask;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The rows the model gets most wrong, for a person to look at. */
final class Mistakes {
    private Mistakes() {
    }

    /** The worst rows: confident wrong classifications, or the largest residuals. */
    static Frame of(EvaluatorSettings settings, TrainedModel model, Frame test, Scored s) {
        int n = test.rowCount();
        List<Integer> idx = new ArrayList<>();
        double[] key = new double[n];
        for (int i = 0; i < n; i++) {
            if (model.task() == ModelTask.CLASSIFICATION) {
                if (s.scores.predicted()[i] != s.truth[i]) {
                    idx.add(i);
                    key[i] = s.scores.probabilities()[i][s.scores.predicted()[i]];
                }
            } else {
                idx.add(i);
                key[i] = Math.abs(s.target[i] - s.scores.values()[i]);
            }
        }
        idx.sort((a, b) -> Double.compare(key[b], key[a]));
        int[] top = idx.stream().limit(settings.mistakes()).mapToInt(Integer::intValue).toArray();
        Frame rows = test.rows(top);
        long[] rowIds = Arrays.stream(top).asLongStream().toArray();
        rows = rows.withColumn(LongColumn.of("row", rowIds));
        double[] conf = new double[top.length];
        if (model.task() == ModelTask.CLASSIFICATION) {
            int[] codes = new int[top.length];
            for (int i = 0; i < top.length; i++) {
                codes[i] = s.scores.predicted()[top[i]];
                conf[i] = key[top[i]];
            }
            rows = rows.withColumn(CategoricalColumn.fromCodes(Field.categorical("predicted"), codes, model.classes()));
            return rows.withColumn(DoubleColumn.of(Field.numeric("confidence"), conf));
        }
        double[] pred = new double[top.length];
        for (int i = 0; i < top.length; i++) {
            pred[i] = s.scores.values()[top[i]];
            conf[i] = s.target[top[i]] - pred[i];
        }
        rows = rows.withColumn(DoubleColumn.of(Field.numeric("predicted"), pred));
        return rows.withColumn(DoubleColumn.of(Field.numeric("residual"), conf));
    }
}
