package dev.mlops.train;

import dev.mlops.api.BooleanColumn;
import dev.mlops.api.Column;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Frame;
import dev.mlops.api.LongColumn;
import dev.mlops.api.TrainingException;
import dev.mlops.api.model.ModelTask;
import dev.mlops.train.internal.FrameConverter;
import java.util.Map;

/** A model's scores on a frame, with the truth in the model's class order. */
final class Scored {
    final Scores scores;
    final int[] truth;
    final double[] target;

    private Scored(Scores scores, int[] truth, double[] target) {
        this.scores = scores;
        this.truth = truth;
        this.target = target;
    }

    static Scored of(TrainedModel model, Frame frame) {
        Scores s = model.score(frame);
        return model.task() == ModelTask.CLASSIFICATION ? new Scored(s, truth(model, frame), null)
                : new Scored(s, null, target(model, frame));
    }

    static int[] truth(TrainedModel model, Frame frame) {
        if (!frame.hasColumn(model.label())) {
            throw new TrainingException("The frame has no label column '" + model.label() + "' to evaluate"
                    + " against; its columns are " + frame.columnNames());
        }
        Column c = frame.column(model.label());
        Map<String, Integer> index = new java.util.HashMap<>();
        for (int k = 0; k < model.classes().size(); k++) {
            index.put(model.classes().get(k), k);
        }
        int[] out = new int[frame.rowCount()];
        for (int i = 0; i < out.length; i++) {
            if (c.isMissing(i)) {
                throw new TrainingException("Row " + i + " has no label in '" + model.label()
                        + "'; drop unlabelled rows before evaluating");
            }
            Integer k = index.get(FrameConverter.labelText(c, i));
            if (k == null) {
                throw new TrainingException("Row " + i + " has label '" + c.format(i) + "', a class the model"
                        + " never saw (it knows " + model.classes() + "); retrain with that class or drop the rows");
            }
            out[i] = k;
        }
        return out;
    }

    static double[] target(TrainedModel model, Frame frame) {
        Column c = frame.column(model.label());
        double[] out = new double[frame.rowCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = c instanceof DoubleColumn d ? d.getDouble(i) : c instanceof LongColumn l ? l.getDouble(i)
                    : c instanceof BooleanColumn b && !b.isMissing(i) ? (b.getBoolean(i) ? 1 : 0) : Double.NaN;
            if (Double.isNaN(out[i])) {
                throw new TrainingException("Row " + i + " has no numeric target in '" + model.label() + "'");
            }
        }
        return out;
    }

    /** Metrics on some rows (all when null). */
    Metrics metrics(int[] rows) {
        if (scores.task() == ModelTask.CLASSIFICATION) {
            if (rows == null) {
                return ClassificationMetrics.of(scores.classes(), truth, scores.predicted(),
                        scores.probabilities(), scores.probabilistic());
            }
            int[] t = new int[rows.length];
            int[] p = new int[rows.length];
            double[][] pr = new double[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                t[i] = truth[rows[i]];
                p[i] = scores.predicted()[rows[i]];
                pr[i] = scores.probabilities()[rows[i]];
            }
            return ClassificationMetrics.of(scores.classes(), t, p, pr, scores.probabilistic());
        }
        if (rows == null) {
            return RegressionMetrics.of(target, scores.values());
        }
        double[] t = new double[rows.length];
        double[] p = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            t[i] = target[rows[i]];
            p[i] = scores.values()[rows[i]];
        }
        return RegressionMetrics.of(t, p);
    }
}
