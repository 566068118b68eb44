package dev.mlops.monitor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The drift of one window against the reference: every shared column's statistic and verdict, the share of input
 * features that drifted, and whether that makes the dataset drift.
 *
 * @param key           the window's key
 * @param start         its start
 * @param end           its end
 * @param rows          its rows
 * @param features      one entry per column evaluated, inputs first, then outputs (prediction drift)
 * @param driftedShare  the share of input features whose verdict is {@link Verdict#DRIFT}
 * @param datasetDrift  whether that share reached {@link DriftOptions#datasetDriftShare()}
 * @param reconstruction multivariate drift by PCA reconstruction error ({@link ReconstructionDrift#NONE} if off)
 */
public record WindowReport(String key, Instant start, Instant end, long rows, List<FeatureDrift> features,
                           double driftedShare, boolean datasetDrift, ReconstructionDrift reconstruction) {

    /** Copies the list. */
    public WindowReport {
        features = List.copyOf(features);
    }

    /** The entry of one column. */
    public Optional<FeatureDrift> feature(String column) {
        return features.stream().filter(f -> f.column().equals(column)).findFirst();
    }

    /** The names of the columns that drifted, inputs and outputs. */
    public List<String> driftedColumns() {
        return features.stream().filter(FeatureDrift::drifted).map(FeatureDrift::column).toList();
    }

    /** The output columns (predicted labels, scores) that drifted. */
    public List<String> driftedOutputs() {
        return features.stream().filter(f -> f.output() && f.drifted()).map(FeatureDrift::column).toList();
    }

    ObjectNode toJsonTree() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("key", key);
        o.put("start", start.toString());
        o.put("end", end.toString());
        o.put("rows", rows);
        o.put("driftedShare", driftedShare);
        o.put("datasetDrift", datasetDrift);
        ObjectNode rec = o.putObject("reconstruction");
        put(rec, "error", reconstruction.error());
        put(rec, "lower", reconstruction.lower());
        put(rec, "upper", reconstruction.upper());
        rec.put("drifted", reconstruction.drifted());
        ArrayNode fs = o.putArray("features");
        for (FeatureDrift f : features) {
            ObjectNode n = fs.addObject();
            n.put("column", f.column());
            n.put("output", f.output());
            n.put("method", f.method().name());
            put(n, "statistic", f.statistic());
            put(n, "statisticLower", f.statisticLower());
            put(n, "statisticUpper", f.statisticUpper());
            put(n, "pValue", f.pValue());
            put(n, "pValueLower", f.pValueLower());
            put(n, "pValueUpper", f.pValueUpper());
            put(n, "threshold", f.threshold());
            n.put("calibrated", f.calibrated());
            n.put("verdict", f.verdict().name());
        }
        return o;
    }

    static void put(ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) {
            n.put(key, v);
        } else {
            n.putNull(key);
        }
    }
}
