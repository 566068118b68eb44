package dev.mlops.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.Frame;
import dev.mlops.monitor.DriftMonitor;
import dev.mlops.monitor.DriftReport;
import dev.mlops.monitor.FeatureDrift;
import dev.mlops.monitor.WindowReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlops drift REFERENCE CURRENT}: exit 1 when a feature drifted. */
@Command(name = "drift", mixinStandardHelpOptions = true,
        description = "Compare a current data file with a reference one, feature by feature; exit 1 on drift.")
final class DriftCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "REFERENCE", description = "the reference data file")
    Path referenceFile;

    @Parameters(index = "1", paramLabel = "CURRENT", description = "the current data file")
    Path currentFile;

    @Option(names = "--html", paramLabel = "OUT", description = "write the drift report as an HTML page")
    Path html;

    @Option(names = "--json", description = "print the per-feature results as JSON")
    boolean json;

    @Override
    public Integer call() throws IOException {
        Frame reference = Inputs.frame(referenceFile);
        Frame current = Inputs.frame(currentFile);
        for (String c : reference.columnNames()) {
            if (!current.hasColumn(c)) {
                throw new BadInputException("No column '" + c + "' in " + currentFile + ", which the reference has;"
                        + " its columns are " + current.columnNames());
            }
        }
        Instant now = Instant.now();
        WindowReport window;
        DriftReport report;
        try (DriftMonitor monitor = DriftMonitor.against(reference).windowRows(Math.max(1, current.rowCount()))
                .build()) {
            monitor.observe(current, Frame.of(List.of()), now);
            List<WindowReport> reports = monitor.flush();
            if (reports.isEmpty()) {
                reports = monitor.reports();
            }
            if (reports.isEmpty()) {
                throw new BadInputException("no rows in " + currentFile + " to compare with " + referenceFile);
            }
            window = reports.get(reports.size() - 1);
            report = DriftReport.of("Drift of " + currentFile.getFileName() + " against "
                    + referenceFile.getFileName(), monitor, now);
        }
        if (html != null) {
            Files.writeString(html, report.toHtmlPage());
        }
        List<String> drifted = window.driftedColumns();
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode node = mapper.createObjectNode();
            node.put("drifted", !drifted.isEmpty());
            node.put("rows", current.rowCount());
            ArrayNode features = node.putArray("features");
            for (FeatureDrift f : window.features()) {
                features.addObject().put("column", f.column()).put("method", f.method().toString())
                        .put("statistic", f.statistic()).put("drifted", f.drifted());
            }
            spec.commandLine().getOut().println(mapper.writeValueAsString(node));
        } else {
            for (FeatureDrift f : window.features()) {
                spec.commandLine().getOut().printf("%-24s %-14s %10.4f %s%n", f.column(), f.method(),
                        f.statistic(), f.drifted() ? "DRIFT" : "ok");
            }
            spec.commandLine().getOut().println(drifted.isEmpty() ? "no drift"
                    : "drift in " + drifted.size() + " feature(s): " + drifted);
        }
        return drifted.isEmpty() ? 0 : Mlops.FAILED;
    }
}
