package dev.mlops.data.drift;

/**
 * Tail probabilities of the chi-squared and Kolmogorov distributions, accurate to about 1e-12, so tests can
 * compare p-values with SciPy's. Stateless and thread-safe.
 */
public final class Distributions {
    private static final double LANCZOS_G = 607.0 / 128.0;
    private static final double[] LANCZOS = {
        0.99999999999999709182, 57.156235665862923517, -59.597960355475491248, 14.136097974741747174,
        -0.49191381609762019978, .33994649984811888699e-4, .46523628927048575665e-4, -.98374475304879564677e-4,
        .15808870322491248884e-3, -.21026444172410488319e-3, .21743961811521264320e-3, -.16431810653676389022e-3,
        .84418223983852743293e-4, -.26190838401581408670e-4, .36899182659531622704e-5,
    };
    private static final double HALF_LOG_2_PI = 0.5 * Math.log(2.0 * Math.PI);

    private Distributions() {
    }

    /** The natural log of the gamma function for {@code x >= 0.5} (Lanczos approximation, g = 607/128). */
    public static double logGamma(double x) {
        if (!(x >= 0.5)) {
            throw new IllegalArgumentException("logGamma here needs x >= 0.5, got " + x);
        }
        double sum = 0;
        for (int i = LANCZOS.length - 1; i > 0; i--) {
            sum += LANCZOS[i] / (x + i);
        }
        sum += LANCZOS[0];
        double tmp = x + LANCZOS_G + 0.5;
        return (x + 0.5) * Math.log(tmp) - tmp + HALF_LOG_2_PI + Math.log(sum / x);
    }

    /** The regularized upper incomplete gamma function Q(a, x). */
    public static double regularizedGammaQ(double a, double x) {
        if (x <= 0) {
            return 1;
        }
        if (x < a + 1) {
            return 1 - seriesP(a, x);
        }
        // Continued fraction (modified Lentz).
        double b = x + 1 - a;
        double c = 1 / 1e-300;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i < 10_000; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.abs(d) < 1e-300) {
                d = 1e-300;
            }
            c = b + an / c;
            if (Math.abs(c) < 1e-300) {
                c = 1e-300;
            }
            d = 1 / d;
            double del = d * c;
            h *= del;
            if (Math.abs(del - 1) < 1e-16) {
                break;
            }
        }
        return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
    }

    private static double seriesP(double a, double x) {
        double ap = a;
        double sum = 1 / a;
        double del = sum;
        for (int n = 0; n < 100_000; n++) {
            ap += 1;
            del *= x / ap;
            sum += del;
            if (Math.abs(del) < Math.abs(sum) * 1e-17) {
                break;
            }
        }
        return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
    }

    /** P(X &gt; x) for X chi-squared with {@code dof} degrees of freedom (as {@code scipy.stats.chi2.sf}). */
    public static double chiSquaredSurvival(double x, double dof) {
        if (!(dof > 0)) {
            throw new IllegalArgumentException("Degrees of freedom must be > 0, got " + dof);
        }
        return regularizedGammaQ(dof / 2, x / 2);
    }

    /**
     * P(K &gt; lambda) for the Kolmogorov distribution (as {@code scipy.stats.kstwobign.sf}): the asymptotic
     * p-value of a KS statistic scaled by {@code sqrt(n)}.
     */
    public static double kolmogorovSurvival(double lambda) {
        if (lambda <= 0) {
            return 1;
        }
        if (lambda < 1.18) {
            // The theta-function form converges fast for small lambda.
            double sum = 0;
            double f = -Math.PI * Math.PI / (8 * lambda * lambda);
            for (int k = 1; k < 100; k += 2) {
                double term = Math.exp(f * k * k);
                sum += term;
                if (term < 1e-17 * sum) {
                    break;
                }
            }
            return 1 - Math.sqrt(2 * Math.PI) / lambda * sum;
        }
        double sum = 0;
        for (int k = 1; k < 100; k++) {
            double term = Math.exp(-2.0 * k * k * lambda * lambda);
            sum += (k % 2 == 1 ? term : -term);
            if (term < 1e-17) {
                break;
            }
        }
        return Math.min(1, 2 * sum);
    }
}
