package dev.mlops.benchmarks;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH benchmarks and writes {@code summary.csv}: every benchmark beside its {@link Floor}, as a ratio.
 *
 * <p>Arguments: an optional include regex, {@code --full} for longer settings, {@code --out <file>} for the summary
 * (default {@code benchmarks/target/summary.csv}); anything else is passed to JMH as its own command line.
 */
public final class Main {
    static final String HEADER = "benchmark,metric,unit,value,floor_benchmark,floor_value,ratio";

    private Main() {
    }

    public static void main(String[] args) throws RunnerException, IOException, CommandLineOptionException {
        boolean full = false;
        Path out = Path.of("benchmarks", "target", "summary.csv");
        List<String> jmhArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--full" -> full = true;
                case "--out" -> out = Path.of(args[++i]);
                default -> jmhArgs.add(args[i]);
            }
        }
        CommandLineOptions cli = new CommandLineOptions(jmhArgs.toArray(String[]::new));
        ChainedOptionsBuilder options = new OptionsBuilder().parent(cli);
        if (cli.getIncludes().isEmpty()) {
            options.include("dev\\.mlops\\.benchmarks\\..*");
        }
        // Short settings by default (minutes on 2 cores); the command line and --full override them.
        if (!cli.getForkCount().hasValue()) {
            options.forks(full ? 3 : 1);
        }
        if (!cli.getWarmupIterations().hasValue()) {
            options.warmupIterations(full ? 5 : 2);
        }
        if (!cli.getMeasurementIterations().hasValue()) {
            options.measurementIterations(full ? 10 : 3);
        }
        if (!cli.getWarmupTime().hasValue()) {
            options.warmupTime(TimeValue.seconds(full ? 2 : 1));
        }
        if (!cli.getMeasurementTime().hasValue()) {
            options.measurementTime(TimeValue.seconds(full ? 3 : 2));
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        List<String> rows = summarize(results);
        Files.createDirectories(out.toAbsolutePath().getParent());
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        lines.addAll(rows);
        Files.write(out, lines);
        System.out.println();
        System.out.println(table(lines));
        System.out.println("Summary written to " + out);
    }

    /** One summary row per benchmark, with its floor and the ratio when the benchmark names one. */
    static List<String> summarize(Collection<RunResult> results) {
        Map<String, RunResult> byKey = new LinkedHashMap<>();
        for (RunResult r : results) {
            byKey.put(key(r.getParams().getBenchmark(), r), r);
        }
        List<String> rows = new ArrayList<>();
        for (RunResult r : results) {
            String benchmark = r.getParams().getBenchmark();
            Result<?> primary = r.getPrimaryResult();
            String mode = r.getParams().getMode().shortLabel();
            String metric = mode + (mode.equals("thrpt") ? " (higher is better)" : " (lower is better)");
            String floorName = floorOf(benchmark);
            String floorBenchmark = "";
            String floorValue = "";
            String ratio = "";
            if (floorName != null) {
                String floorFull = benchmark.substring(0, benchmark.lastIndexOf('.') + 1) + floorName;
                RunResult floor = byKey.get(key(floorFull, r));
                if (floor != null) {
                    double fv = floor.getPrimaryResult().getScore();
                    floorBenchmark = label(floorFull, r);
                    floorValue = fmt(fv) + " ± " + fmt(floor.getPrimaryResult().getScoreError());
                    double ratioValue = primary.getScore() / fv;
                    double relError = relative(primary) + relative(floor.getPrimaryResult());
                    ratio = fmt(ratioValue) + " ± " + fmt(ratioValue * relError);
                }
            }
            rows.add(String.join(",", csv(label(benchmark, r)), csv(metric), csv(primary.getScoreUnit()),
                    csv(fmt(primary.getScore()) + " ± " + fmt(primary.getScoreError())), csv(floorBenchmark),
                    csv(floorValue), csv(ratio)));
        }
        return rows;
    }

    private static double relative(Result<?> r) {
        double e = r.getScoreError();
        return Double.isNaN(e) || r.getScore() == 0 ? 0 : Math.abs(e / r.getScore());
    }

    private static String key(String benchmark, RunResult r) {
        return benchmark + new TreeMap<>(params(r));
    }

    private static Map<String, String> params(RunResult r) {
        Map<String, String> p = new TreeMap<>();
        for (String k : r.getParams().getParamsKeys()) {
            p.put(k, r.getParams().getParam(k));
        }
        return p;
    }

    private static String label(String benchmark, RunResult r) {
        String shortName = benchmark.replace("dev.mlops.benchmarks.", "");
        Map<String, String> p = params(r);
        // Parameters joined by spaces, so the label stays one plain CSV field.
        return p.isEmpty() ? shortName : shortName + p.toString().replace(", ", " ");
    }

    private static String floorOf(String benchmark) {
        int dot = benchmark.lastIndexOf('.');
        try {
            Class<?> type = Class.forName(benchmark.substring(0, dot));
            for (Method m : type.getMethods()) {
                if (m.getName().equals(benchmark.substring(dot + 1)) && m.isAnnotationPresent(Floor.class)) {
                    return m.getAnnotation(Floor.class).value();
                }
            }
            return null;
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    private static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        double a = Math.abs(v);
        return a != 0 && (a < 1e-3 || a >= 1e7) ? String.format(Locale.ROOT, "%.3e", v)
                : String.format(Locale.ROOT, "%.4g", v);
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    /** The summary as an aligned table for the console. */
    static String table(List<String> lines) {
        List<String[]> cells = new ArrayList<>();
        for (String line : lines) {
            cells.add(splitCsv(line));
        }
        int cols = cells.get(0).length;
        int[] width = new int[cols];
        for (String[] row : cells) {
            for (int i = 0; i < Math.min(cols, row.length); i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder s = new StringBuilder();
        for (String[] row : cells) {
            for (int i = 0; i < Math.min(cols, row.length); i++) {
                s.append(String.format(Locale.ROOT, "%-" + (width[i] + 2) + "s", row[i]));
            }
            s.append('\n');
        }
        return s.toString();
    }

    static String[] splitCsv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out.toArray(String[]::new);
    }
}
