package dev.mlops.train.internal;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.impl.ConfiguredObjectProvenanceImpl;
import org.tribuo.math.Parameters;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.la.Tensor;

/**
 * Adds an L2 penalty on the weights (not the intercept) to another optimiser's steps, so that Tribuo's SGD trainers
 * minimise {@code sum of example weight * loss + strength / 2 * |w|^2} as scikit-learn's {@code LogisticRegression}
 * does with {@code C = 1 / strength}: each example's step carries its share ({@code weight / totalWeight}) of the
 * penalty's gradient, so one epoch applies it once. Tribuo 4.3's SGD trainers have no regularisation of their own.
 * The intercept is the last column of a linear model's weight matrix (Tribuo's bias feature) and is not penalised.
 */
public final class L2Penalty implements StochasticGradientOptimiser {
    @Config(mandatory = true, description = "The optimiser whose steps are penalised.")
    private StochasticGradientOptimiser optimiser;

    @Config(mandatory = true, description = "The L2 strength on the summed loss (1 / C).")
    private double strength;

    @Config(mandatory = true, description = "The total example weight of the training data.")
    private double totalWeight;

    private DenseMatrix weights;

    /** For OLCUT's configuration system. */
    private L2Penalty() {
    }

    /**
     * Penalises the steps of {@code optimiser}.
     *
     * @param optimiser the optimiser whose steps are penalised
     * @param strength the L2 strength on the summed loss (scikit-learn's {@code 1 / C})
     * @param totalWeight the total example weight of the training data (the row count when unweighted)
     */
    public L2Penalty(StochasticGradientOptimiser optimiser, double strength, double totalWeight) {
        this.optimiser = optimiser;
        this.strength = strength;
        this.totalWeight = totalWeight;
    }

    @Override
    public void initialise(Parameters parameters) {
        optimiser.initialise(parameters);
        Tensor[] live = parameters.get();
        if (live.length != 1 || !(live[0] instanceof DenseMatrix m)) {
            throw new IllegalArgumentException("An L2 penalty applies to a linear model's one weight matrix, not "
                    + live.length + " tensors");
        }
        weights = m;
    }

    @Override
    public Tensor[] step(Tensor[] updates, double weight) {
        // Tribuo's updates are descent directions (added to the parameters), so the penalty enters with a minus.
        DenseMatrix penalised = weights.copy();
        int bias = penalised.getDimension2Size() - 1;
        for (int row = 0; row < penalised.getDimension1Size(); row++) {
            penalised.set(row, bias, 0);
        }
        penalised.scaleInPlace(-strength / totalWeight); // the wrapped step multiplies it by the example's weight
        penalised.intersectAndAddInPlace(updates[0]);
        return optimiser.step(new Tensor[] {penalised}, weight);
    }

    @Override
    public void finalise() {
        optimiser.finalise();
    }

    @Override
    public void reset() {
        optimiser.reset();
        weights = null;
    }

    @Override
    public L2Penalty copy() {
        return new L2Penalty(optimiser.copy(), strength, totalWeight);
    }

    @Override
    public ConfiguredObjectProvenance getProvenance() {
        return new ConfiguredObjectProvenanceImpl(this, "StochasticGradientOptimiser");
    }

    @Override
    public String toString() {
        return "L2Penalty(strength=" + strength + ", " + optimiser + ")";
    }
}
