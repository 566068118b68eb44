package dev.mlops.monitor;

import dev.mlops.api.Column;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Frame;
import dev.mlops.api.LongColumn;
import dev.mlops.data.split.Shuffle;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Multivariate drift by data reconstruction (docs/decisions/103): PCA fitted on the standardized numeric columns of
 * the reference keeps the components that explain {@link #VARIANCE_SHARE} of the variance; each observed row's
 * reconstruction error is the distance between it and its projection. A change in how features move together
 * raises the error even when every marginal distribution stays put. The error of a window is the mean over its
 * rows; its limits are the reference chunks' mean error -+ 3 sd.
 *
 * <p>Immutable and thread-safe.
 */
final class Reconstruction {
    /** The profiled column that carries each row's reconstruction error. */
    static final String COLUMN = "__reconstruction_error";
    static final double VARIANCE_SHARE = 0.65;

    private final List<String> columns;
    private final double[] mean;
    private final double[] sd;
    /** d x k, the kept principal directions. */
    private final double[][] components;
    private final double lower;
    private final double upper;

    private Reconstruction(List<String> columns, double[] mean, double[] sd, double[][] components, double lower,
                           double upper) {
        this.columns = columns;
        this.mean = mean;
        this.sd = sd;
        this.components = components;
        this.lower = lower;
        this.upper = upper;
    }

    /** Fitted on the numeric columns of a reference frame, limits from {@code chunks} shuffled chunks. */
    static Reconstruction fit(Frame reference, int chunks, double sigmas, long seed) {
        List<String> cols = new ArrayList<>();
        for (Column c : reference.columns()) {
            if ((c instanceof DoubleColumn || c instanceof LongColumn) && !c.name().equals(COLUMN)) {
                cols.add(c.name());
            }
        }
        if (cols.size() < 2 || reference.rowCount() < Math.max(chunks * 2, cols.size() + 1)) {
            throw new IllegalArgumentException("Reconstruction drift needs at least two numeric columns and more "
                    + "reference rows than columns; the reference has numeric columns " + cols + " and "
                    + reference.rowCount() + " rows");
        }
        int d = cols.size();
        int n = reference.rowCount();
        double[][] x = new double[d][];
        double[] mean = new double[d];
        double[] sd = new double[d];
        for (int j = 0; j < d; j++) {
            x[j] = values(reference.column(cols.get(j)));
            double s = 0;
            int k = 0;
            for (double v : x[j]) {
                if (Double.isFinite(v)) {
                    s += v;
                    k++;
                }
            }
            mean[j] = k == 0 ? 0 : s / k;
            double ss = 0;
            for (double v : x[j]) {
                if (Double.isFinite(v)) {
                    ss += (v - mean[j]) * (v - mean[j]);
                }
            }
            sd[j] = k < 2 || ss == 0 ? 1 : Math.sqrt(ss / (k - 1));
        }
        DMatrixRMaj cov = new DMatrixRMaj(d, d);
        double[] z = new double[d];
        for (int i = 0; i < n; i++) {
            standardize(x, i, mean, sd, z);
            for (int a = 0; a < d; a++) {
                for (int b = a; b < d; b++) {
                    cov.add(a, b, z[a] * z[b] / (n - 1));
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < a; b++) {
                cov.set(a, b, cov.get(b, a));
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
        if (!eig.decompose(cov)) {
            throw new IllegalStateException("The eigen decomposition of the reference covariance did not converge");
        }
        Integer[] order = new Integer[d];
        double total = 0;
        for (int i = 0; i < d; i++) {
            order[i] = i;
            total += eig.getEigenvalue(i).real;
        }
        java.util.Arrays.sort(order, (p, q) -> Double.compare(eig.getEigenvalue(q).real, eig.getEigenvalue(p).real));
        List<double[]> kept = new ArrayList<>();
        double explained = 0;
        for (int i = 0; i < d - 1 && explained < VARIANCE_SHARE * total; i++) {
            DMatrixRMaj v = eig.getEigenVector(order[i]);
            kept.add(v.getData().clone());
            explained += eig.getEigenvalue(order[i]).real;
        }
        Reconstruction unlimited = new Reconstruction(List.copyOf(cols), mean, sd, kept.toArray(new double[0][]),
                Double.NaN, Double.NaN);
        double[] errors = unlimited.errors(reference);
        int[] idx = shuffled(n, seed);
        double[] chunkMeans = new double[chunks];
        for (int c = 0; c < chunks; c++) {
            int from = (int) ((long) n * c / chunks);
            int to = (int) ((long) n * (c + 1) / chunks);
            double s = 0;
            for (int i = from; i < to; i++) {
                s += errors[idx[i]];
            }
            chunkMeans[c] = s / (to - from);
        }
        double m = java.util.Arrays.stream(chunkMeans).average().orElse(Double.NaN);
        double v = 0;
        for (double c : chunkMeans) {
            v += (c - m) * (c - m);
        }
        double s = Math.sqrt(v / (chunks - 1));
        return new Reconstruction(unlimited.columns, mean, sd, unlimited.components, m - sigmas * s, m + sigmas * s);
    }

    static int[] shuffled(int n, long seed) {
        return Shuffle.permutation(n, seed);
    }

    private static void standardize(double[][] x, int row, double[] mean, double[] sd, double[] z) {
        for (int j = 0; j < z.length; j++) {
            double v = x[j][row];
            z[j] = Double.isFinite(v) ? (v - mean[j]) / sd[j] : 0; // missing: imputed with the reference mean
        }
    }

    private static double[] values(Column c) {
        if (c instanceof DoubleColumn d) {
            return d.toArray();
        }
        LongColumn l = (LongColumn) c;
        double[] out = new double[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = l.isMissing(i) ? Double.NaN : l.getDouble(i);
        }
        return out;
    }

    List<String> columns() {
        return columns;
    }

    int componentCount() {
        return components.length;
    }

    double lower() {
        return lower;
    }

    double upper() {
        return upper;
    }

    /** The reconstruction error of every row of a frame that has the fitted columns. */
    double[] errors(Frame frame) {
        int d = columns.size();
        double[][] x = new double[d][];
        for (int j = 0; j < d; j++) {
            if (!frame.hasColumn(columns.get(j))) {
                throw new IllegalArgumentException("Reconstruction drift needs column '" + columns.get(j)
                        + "' in the observed rows; they have " + frame.columnNames());
            }
            x[j] = values(frame.column(columns.get(j)));
        }
        double[] out = new double[frame.rowCount()];
        double[] z = new double[d];
        for (int i = 0; i < out.length; i++) {
            standardize(x, i, mean, sd, z);
            double err = 0;
            double[] residual = z.clone();
            for (double[] v : components) {
                double dot = 0;
                for (int j = 0; j < d; j++) {
                    dot += v[j] * z[j];
                }
                for (int j = 0; j < d; j++) {
                    residual[j] -= dot * v[j];
                }
            }
            for (double r : residual) {
                err += r * r;
            }
            out[i] = Math.sqrt(err);
        }
        return out;
    }

    /** The frame with each row's error as the {@link #COLUMN} column. */
    Frame withErrors(Frame frame) {
        return frame.withColumn(DoubleColumn.of(COLUMN, errors(frame)));
    }
}
