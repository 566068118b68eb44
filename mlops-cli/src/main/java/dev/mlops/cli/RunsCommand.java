package dev.mlops.cli;

import dev.mlops.api.tracking.MetricPoint;
import dev.mlops.api.tracking.RunQuery;
import dev.mlops.api.tracking.RunRecord;
import dev.mlops.api.tracking.RunTracker;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlops runs list|show|compare}: the tracked runs, on any tracking store. */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "List, show and compare tracked runs.",
        subcommands = {RunsCommand.ListRuns.class, RunsCommand.Show.class, RunsCommand.Compare.class,
            RunsCommand.Report.class})
final class RunsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The last value logged for each metric of a run. */
    static Map<String, Double> lastMetrics(RunRecord r) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (MetricPoint p : r.metrics()) {
            out.put(p.key(), p.value());
        }
        return out;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The runs, newest first.")
    static final class ListRuns implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        StoreOptions store;
        @Option(names = "--experiment", paramLabel = "NAME", description = "only this experiment's runs")
        String experiment;
        @Option(names = "--json", description = "print the run records as JSON")
        boolean json;

        @Override
        public Integer call() {
            try (RunTracker t = store.open()) {
                RunQuery q = experiment == null ? RunQuery.all() : RunQuery.all().experiment(experiment);
                List<RunRecord> runs = new ArrayList<>(t.search(q));
                runs.sort((a, b) -> Long.compare(b.startMillis(), a.startMillis()));
                PrintWriter w = spec.commandLine().getOut();
                if (json) {
                    Inputs.json(w, runs);
                    return 0;
                }
                w.printf(Locale.ROOT, "%-36s %-14s %-22s %-9s %-20s %s%n", "id", "experiment", "name", "status",
                        "started", "metrics");
                for (RunRecord r : runs) {
                    w.printf(Locale.ROOT, "%-36s %-14s %-22s %-9s %-20s %d%n", r.id(), r.experiment(), r.name(),
                            r.status(), Instant.ofEpochMilli(r.startMillis()).toString().substring(0, 19),
                            lastMetrics(r).size());
                }
                w.println(runs.size() + " runs");
                return 0;
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One run: parameters, metrics, tags,"
            + " artifacts and data fingerprints.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        StoreOptions store;
        @Parameters(paramLabel = "RUN", description = "the run id")
        String id;
        @Option(names = "--json", description = "print the run record as JSON")
        boolean json;

        @Override
        public Integer call() {
            try (RunTracker t = store.open()) {
                RunRecord r = t.find(id).orElseThrow(() -> new BadInputException("No run '" + id + "' in this store;"
                        + " list them with 'mlops runs list'"));
                PrintWriter w = spec.commandLine().getOut();
                if (json) {
                    Inputs.json(w, r);
                    return 0;
                }
                w.println(r.experiment() + " / " + r.name() + " (" + r.id() + "), " + r.status());
                section(w, "parameters", new LinkedHashMap<>(r.params()));
                Map<String, Object> m = new LinkedHashMap<>();
                lastMetrics(r).forEach((k, v) -> m.put(k, format(v)));
                section(w, "metrics", m);
                section(w, "tags", new LinkedHashMap<>(r.tags()));
                section(w, "artifacts", new LinkedHashMap<>(r.artifacts()));
                section(w, "data", new LinkedHashMap<>(r.dataFingerprints()));
                return 0;
            }
        }

        private static void section(PrintWriter w, String name, Map<String, ?> values) {
            if (values.isEmpty()) {
                return;
            }
            w.println(name + ":");
            values.forEach((k, v) -> w.println("  " + k + " = " + abbreviate(String.valueOf(v))));
        }
    }

    @Command(name = "compare", mixinStandardHelpOptions = true, description = "Runs side by side: every parameter"
            + " and metric, with the rows that differ marked '*'.")
    static final class Compare implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        StoreOptions store;
        @Parameters(paramLabel = "RUN", arity = "2..*", description = "two or more run ids")
        List<String> ids;
        @Option(names = "--json", description = "print the comparison as JSON")
        boolean json;

        @Override
        public Integer call() {
            try (RunTracker t = store.open()) {
                List<RunRecord> runs = new ArrayList<>();
                for (String id : ids) {
                    runs.add(t.find(id).orElseThrow(() -> new BadInputException("No run '" + id + "' in this store;"
                            + " list them with 'mlops runs list'")));
                }
                Map<String, List<String>> rows = new LinkedHashMap<>();
                TreeSet<String> params = new TreeSet<>();
                TreeSet<String> metrics = new TreeSet<>();
                runs.forEach(r -> params.addAll(r.params().keySet()));
                runs.forEach(r -> metrics.addAll(lastMetrics(r).keySet()));
                for (String p : params) {
                    rows.put("param " + p, runs.stream().map(r -> r.params().getOrDefault(p, "")).toList());
                }
                for (String m : metrics) {
                    rows.put("metric " + m, runs.stream().map(r -> {
                        Double v = lastMetrics(r).get(m);
                        return v == null ? "" : format(v);
                    }).toList());
                }
                PrintWriter w = spec.commandLine().getOut();
                if (json) {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("runs", ids);
                    Map<String, Object> table = new LinkedHashMap<>();
                    rows.forEach((k, v) -> table.put(k, Map.of("values", v, "differs", differs(v))));
                    out.put("rows", table);
                    Inputs.json(w, out);
                    return 0;
                }
                StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %-32s", ""));
                runs.forEach(r -> head.append(String.format(Locale.ROOT, " %-20s", abbreviate(r.name() + " "
                        + r.id().substring(0, Math.min(8, r.id().length()))))));
                w.println(head);
                rows.forEach((k, v) -> {
                    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s %-32s",
                            differs(v) ? "*" : " ", abbreviate(k)));
                    v.forEach(x -> line.append(String.format(Locale.ROOT, " %-20s", abbreviate(x))));
                    w.println(line);
                });
                long changed = rows.values().stream().filter(RunsCommand::differs).count();
                w.println(changed + " of " + rows.size() + " rows differ (marked *)");
                return 0;
            }
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true, description = "A self-contained HTML page of an"
            + " experiment's runs: the table, each metric over the runs as a chart, and the parameters that changed.")
    static final class Report implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        StoreOptions store;
        @Option(names = "--experiment", required = true, paramLabel = "NAME", description = "the experiment")
        String experiment;
        @Option(names = "--out", required = true, paramLabel = "HTML", description = "the page to write")
        java.nio.file.Path out;

        @Override
        public Integer call() {
            try (RunTracker t = store.open()) {
                List<RunRecord> runs = new ArrayList<>(t.search(RunQuery.all().experiment(experiment)));
                if (runs.isEmpty()) {
                    throw new BadInputException("No runs in experiment '" + experiment + "'; list them with 'mlops"
                            + " runs list'");
                }
                runs.sort((a, b) -> Long.compare(a.startMillis(), b.startMillis()));
                Inputs.write(out, RunsPage.html(experiment, runs));
                spec.commandLine().getOut().println("Wrote the report of " + runs.size() + " runs of '" + experiment
                        + "' to " + out);
                return 0;
            }
        }
    }

    static boolean differs(List<String> values) {
        return values.stream().distinct().count() > 1;
    }

    static String format(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    static String abbreviate(String s) {
        String one = s.replace('\n', ' ');
        return one.length() <= 60 ? one : one.substring(0, 57) + "...";
    }
}
