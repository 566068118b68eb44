package dev.mlops.train;

import dev.mlops.api.Frame;
import dev.mlops.api.TrainingException;
import dev.mlops.data.split.Shuffle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Train and validation scores over growing training sets. */
final class LearningCurve {
    private LearningCurve() {
    }

    /** The learning curve: the model's trainer refitted on growing seeded fractions of the training rows. */
    static List<Evaluation.CurvePoint> of(EvaluatorSettings settings, TrainingListener listener,
            TrainedModel model, Frame train, Frame test) {
        // the fitted preprocessing (if any) stays as fitted; each curve model applies it as the model does
        Frame ptrain = train;
        Frame ptest = test;
        Trainer trainer = Trainer.of(model.settings()).missingValues(model.missingValues());
        if (model.preprocessing().isPresent()) {
            trainer = trainer.preprocessing(model.preprocessing().get());
        }
        int[] perm = Shuffle.permutation(ptrain.rowCount(), settings.seed());
        List<Evaluation.CurvePoint> out = new ArrayList<>();
        for (int p = 0; p < settings.learningCurve().size(); p++) {
            int rows = Math.max(2, (int) Math.round(settings.learningCurve().get(p) * perm.length));
            Frame sub = ptrain.rows(Arrays.copyOf(perm, rows));
            listener.onProgress(new TrainingEvent(TrainingEvent.Phase.LEARNING_CURVE, p, settings.learningCurve().size(),
                    rows + " rows"));
            try {
                TrainedModel m = trainer.train(sub, model.label());
                double tv = Scored.of(m, sub).metrics(null).get(settings.primaryMetric());
                double vv = Scored.of(m, ptest).metrics(null).get(settings.primaryMetric());
                out.add(new Evaluation.CurvePoint(rows, tv, vv));
            } catch (TrainingException e) {
                // too few rows for this size (one class only, say): the curve starts at the next size
                continue;
            }
        }
        listener.onProgress(new TrainingEvent(TrainingEvent.Phase.LEARNING_CURVE, settings.learningCurve().size(),
                settings.learningCurve().size(),
                "done"));
        return out;
    }
}
