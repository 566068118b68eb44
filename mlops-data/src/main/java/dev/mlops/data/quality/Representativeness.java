package dev.mlops.data.quality;

import dev.mlops.api.Frame;
import dev.mlops.api.Json;
import dev.mlops.data.drift.Distances;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Do the groups of a column appear in the shares expected of the population? A chi-squared goodness-of-fit test
 * over the expected groups ({@code scipy.stats.chisquare}), plus coverage: expected groups that are missing or
 * below a minimum share, and groups present but not expected (left out of the test, listed here).
 *
 * @param column          the group column
 * @param observed        rows per expected group, in the order given
 * @param expectedShares  the expected share per group (normalized)
 * @param chiSquared      the goodness-of-fit statistic
 * @param degreesOfFreedom groups minus one
 * @param pValue          its p-value: small means the data does not look like the population
 * @param missingGroups   expected groups with no row
 * @param sparseGroups    expected groups whose share is below {@code minGroupShare} (missing ones included)
 * @param unexpectedGroups groups in the data that were not expected, with their counts
 * @param minGroupShare   the coverage threshold
 */
public record Representativeness(String column, Map<String, Long> observed, Map<String, Double> expectedShares,
                                 double chiSquared, double degreesOfFreedom, double pValue,
                                 List<String> missingGroups, List<String> sparseGroups,
                                 Map<String, Long> unexpectedGroups, double minGroupShare) {

    /** Copies the collections. */
    public Representativeness {
        observed = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(observed));
        expectedShares = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(expectedShares));
        missingGroups = List.copyOf(missingGroups);
        sparseGroups = List.copyOf(sparseGroups);
        unexpectedGroups = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(unexpectedGroups));
    }

    /** The representativeness of a column against expected shares (any positive weights; they are normalized). */
    public static Representativeness of(Frame frame, String column, Map<String, Double> expected,
                                        double minGroupShare) {
        if (expected.size() < 2) {
            throw new IllegalArgumentException("Give at least two expected groups for '" + column + "', got "
                    + expected.keySet());
        }
        Map<String, Long> counts = Groups.counts(frame, column);
        double weight = expected.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<String, Long> observed = new LinkedHashMap<>();
        Map<String, Double> shares = new LinkedHashMap<>();
        long[] obs = new long[expected.size()];
        double[] exp = new double[expected.size()];
        int i = 0;
        long inExpected = 0;
        for (Map.Entry<String, Double> e : expected.entrySet()) {
            long n = counts.getOrDefault(e.getKey(), 0L);
            observed.put(e.getKey(), n);
            shares.put(e.getKey(), e.getValue() / weight);
            obs[i] = n;
            exp[i++] = e.getValue();
            inExpected += n;
        }
        List<String> missing = new ArrayList<>();
        List<String> sparse = new ArrayList<>();
        for (Map.Entry<String, Long> e : observed.entrySet()) {
            if (e.getValue() == 0) {
                missing.add(e.getKey());
            }
            if (inExpected == 0 || (double) e.getValue() / inExpected < minGroupShare) {
                sparse.add(e.getKey());
            }
        }
        Map<String, Long> unexpected = new LinkedHashMap<>();
        counts.forEach((k, v) -> {
            if (!expected.containsKey(k)) {
                unexpected.put(k, v);
            }
        });
        Distances.TestResult t = inExpected == 0 ? new Distances.TestResult(Double.NaN, obs.length - 1, Double.NaN)
                : Distances.chiSquaredGoodnessOfFit(obs, exp);
        return new Representativeness(column, observed, shares, t.statistic(), t.degreesOfFreedom(), t.pValue(),
                missing, sparse, unexpected, minGroupShare);
    }

    /** Whether every expected group is covered above the minimum share. */
    public boolean covered() {
        return sparseGroups.isEmpty();
    }

    /** The report as JSON. */
    public String toJson() {
        return Json.write(this);
    }
}
