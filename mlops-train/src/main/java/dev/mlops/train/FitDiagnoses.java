package dev.mlops.train;

import java.util.List;
import java.util.Locale;

/** The fit diagnosis of an evaluation. */
final class FitDiagnoses {
    private FitDiagnoses() {
    }

    /** Over-, under- or good fit from the train and validation scores, the best baseline and the curve. */
    static Evaluation.FitDiagnosis of(EvaluatorSettings settings, double trainValue, double valValue,
            double baseline, double sign,
                                             List<Evaluation.CurvePoint> curve) {
        double gap = sign * (trainValue - valValue);
        double slope = Double.NaN;
        if (curve.size() >= 2) {
            Evaluation.CurvePoint a = curve.get(curve.size() - 2);
            Evaluation.CurvePoint b = curve.get(curve.size() - 1);
            slope = sign * (b.validationValue() - a.validationValue());
        }
        String curveNote = Double.isNaN(slope) ? "" : slope >= 0.01
                ? String.format(Locale.ROOT, " The validation curve still rises (%+.4f over its last step): more data"
                + " should help.", slope)
                : String.format(Locale.ROOT, " The validation curve has flattened (%+.4f over its last step): more"
                + " data of the same kind will help little.", slope);
        String numbers = String.format(Locale.ROOT, "%s train %.4f, validation %.4f, gap %+.4f, best baseline %.4f.",
                settings.primaryMetric(), trainValue, valValue, gap, baseline);
        boolean barelyLearns = sign * (trainValue - baseline) < settings.minMargin();
        boolean barelyGeneralises = sign * (valValue - baseline) < settings.minMargin() && gap <= settings.overfitGap();
        if (barelyLearns || barelyGeneralises) {
            return new Evaluation.FitDiagnosis(Evaluation.Fit.UNDERFITTING, trainValue, valValue, gap, slope, numbers
                    + " The model is barely better than a trivial one even where it could fit: try a more flexible"
                    + " model, less regularisation or better features." + curveNote);
        }
        if (gap > settings.overfitGap()) {
            return new Evaluation.FitDiagnosis(Evaluation.Fit.OVERFITTING, trainValue, valValue, gap, slope, numbers
                    + String.format(Locale.ROOT, " The gap exceeds %.2f: the model memorises its training rows;"
                    + " regularise, simplify, or add data.", settings.overfitGap()) + curveNote);
        }
        return new Evaluation.FitDiagnosis(Evaluation.Fit.GOOD, trainValue, valValue, gap, slope, numbers
                + String.format(Locale.ROOT, " The gap is within %.2f and the model beats the baseline.", settings.overfitGap())
                + curveNote);
    }
}
