package dev.mlops.benchmarks.export;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.FieldRole;
import dev.mlops.api.Frame;
import dev.mlops.features.FittedPreprocessing;
import dev.mlops.features.Preprocessing;
import dev.mlops.features.Transform;
import dev.mlops.train.TrainedModel;
import dev.mlops.train.Trainer;
import dev.mlops.train.onnx.ModelPackager;
import dev.mlops.train.onnx.OnnxExport;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 13.4 in CPU time of the measuring thread (one ONNX Runtime thread, so its work is on it), best of 15 runs of
 * 50 calls, each side taken in turn, beside {@link ExportBenchmark}'s wall-clock figures. Prints summary rows:
 * <ul>
 *   <li>our exported logistic regression on 1024 rows (caller's feature order, double input) against Tribuo's own
 *   export of the same model run raw on rows already in Tribuo's order (goal: within 1.1x);</li>
 *   <li>the packaged graph (a standard-scaling preprocessing of the 20 columns joined with the model) against the
 *   preprocessing graph and the exported model run as two raw sessions (goal: within 1.1x).</li>
 * </ul>
 */
public final class ExportCpuTime {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    private static final int RUNS = 15;
    private static final int CALLS = 50;

    private ExportCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        ExportBenchmark b = new ExportBenchmark();
        b.setUp();
        try {
            double[] model = bestOfEach(b::logisticExported1024, b::logisticTribuoGraph1024);
            row("logisticExported1024", model[0], "logisticTribuoGraph1024", model[1]);
            packaged(b);
        } finally {
            b.tearDown();
        }
    }

    /** The packaged graph against its two parts run one after the other. */
    private static void packaged(ExportBenchmark b) throws Exception {
        List<Column> columns = new ArrayList<>();
        for (int j = 0; j < ExportBenchmark.FEATURES; j++) {
            double[] v = new double[ExportBenchmark.ROWS];
            for (int i = 0; i < v.length; i++) {
                v[i] = b.callerDoubles[i][j];
            }
            columns.add(DoubleColumn.of(b.callerOrder.get(j), v));
        }
        String[] labels = new String[ExportBenchmark.ROWS];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = b.logistic.predict(b.examples.get(i)).getOutput().getLabel();
        }
        columns.add(CategoricalColumn.of("label", labels));
        Frame frame = Frame.of(columns).withRole("label", FieldRole.LABEL);
        FittedPreprocessing prep = Preprocessing.newBuilder()
                .scale(Transform.Scaling.STANDARD, b.callerOrder.toArray(String[]::new)).build().fit(frame);
        TrainedModel trained = Trainer.logisticRegression().preprocessing(prep).train(frame, "label");
        OrtEnvironment env = b.env;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession whole = env.createSession(ModelPackager.of(trained).modelBytes(), options);
                 OrtSession pre = env.createSession(prep.toOnnx(), options);
                 OrtSession part = env.createSession(OnnxExport.export(trained.tribuoModel(), prep.outputNames())
                         .modelBytes(), options)) {
                Map<String, OnnxTensor> inputs = new HashMap<>();
                for (int j = 0; j < ExportBenchmark.FEATURES; j++) {
                    double[] v = frame.doubles(b.callerOrder.get(j)).toArray();
                    inputs.put(b.callerOrder.get(j), OnnxTensor.createTensor(env, DoubleBuffer.wrap(v),
                            new long[] {ExportBenchmark.ROWS, 1}));
                }
                double[] t = bestOfEach(() -> {
                    try (OrtSession.Result r = whole.run(inputs)) {
                        r.get(OnnxExport.PROBABILITIES).orElseThrow().getValue();
                    }
                }, () -> {
                    try (OrtSession.Result features = pre.run(inputs)) {
                        OnnxTensor f = (OnnxTensor) features.get(OnnxExport.FEATURES).orElseThrow();
                        try (OrtSession.Result r = part.run(Map.of(OnnxExport.FEATURES, f))) {
                            r.get(OnnxExport.PROBABILITIES).orElseThrow().getValue();
                        }
                    }
                });
                row("packagedLogistic1024", t[0], "preprocessingThenModel1024", t[1]);
                inputs.values().forEach(OnnxTensor::close);
            }
        }
    }

    /** Work measured 50 calls at a time. */
    private interface Work {
        void run() throws Exception;
    }

    /** The least CPU seconds per call of each of two works, 50 calls a run, runs taken in turn after a warm-up. */
    private static double[] bestOfEach(Work a, Work b) throws Exception {
        double[] best = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        for (int run = -1; run < RUNS; run++) {
            for (int w = 0; w < 2; w++) {
                Work work = w == 0 ? a : b;
                long t0 = MX.getCurrentThreadCpuTime();
                for (int c = 0; c < CALLS; c++) {
                    work.run();
                }
                double perCall = (MX.getCurrentThreadCpuTime() - t0) / 1e9 / CALLS;
                if (run >= 0) {
                    best[w] = Math.min(best[w], perCall);
                }
            }
        }
        return best;
    }

    private static void row(String name, double value, String floorName, double floor) {
        System.out.printf(Locale.ROOT, "export.ExportCpuTime.%s,cpu per call (lower is better),us,%.4g,"
                + "export.ExportCpuTime.%s,%.4g,%.4g%n", name, value * 1e6, floorName, floor * 1e6, value / floor);
    }
}
