package dev.mlops.cli;

import dev.mlops.api.ValidationException;
import dev.mlops.api.tracking.RunTracker;
import dev.mlops.pipeline.Pipeline;
import dev.mlops.pipeline.PipelineResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlops run PIPELINE}: what {@code Pipeline.fromFile(path).run()} does in code, from the shell. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a pipeline file (YAML or JSON): read, split, check the data, select and preprocess"
                + " features, tune, train, evaluate, gate and register. The whole file is checked first, and every"
                + " problem reported at once (exit 2); failed data checks or a failed release gate exit 1. With"
                + " --from-run, repeat a recorded run exactly, on the same data only. Progress goes to the error"
                + " stream: bars on a terminal, plain lines elsewhere.")
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PIPELINE", arity = "0..1", description = "the pipeline file (.yaml, .yml or .json)")
    Path file;

    @Option(names = "--from-run", paramLabel = "RUN", description = "repeat this recorded run instead (needs --store)")
    String fromRun;

    @Option(names = "--store", paramLabel = "DIR", description = "with --from-run: the tracking folder of the run")
    Path store;

    @Option(names = "--json", description = "print the result as JSON")
    boolean json;

    @Option(names = "--no-progress", description = "plain progress lines instead of bars (the default where the"
            + " output is not a terminal, or CI is set)")
    boolean noProgress;

    @Override
    public Integer call() {
        ProgressBar progress = ProgressBar.on(spec.commandLine().getErr(), noProgress);
        PipelineResult result;
        try {
            if (fromRun != null) {
                if (store == null) {
                    throw new BadInputException("--from-run needs --store DIR, the tracking folder that holds the"
                            + " run");
                }
                try (RunTracker tracker = RunTracker.inDirectory(store)) {
                    result = Pipeline.fromRun(tracker, fromRun).withListener(progress).run();
                }
            } else {
                if (file == null) {
                    throw new BadInputException("Give a pipeline file (e.g. samples/src/main/resources/pipelines/"
                            + "credit.yaml), or --from-run RUN --store DIR");
                }
                Inputs.text(file, "pipeline file"); // a clear message when it is missing
                result = Pipeline.fromFile(file).withListener(progress).run();
            }
        } catch (ValidationException e) {
            progress.close();
            PrintWriter err = spec.commandLine().getErr();
            err.println("mlops run: " + e.getMessage());
            err.flush();
            return Mlops.FAILED;
        } finally {
            progress.close();
        }
        int code = result.released() ? 0 : Mlops.FAILED;
        PrintWriter w = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("runId", result.runId());
            out.put("metrics", result.metrics());
            out.put("dataFingerprint", result.dataFingerprint());
            out.put("registered", result.registeredName() == null ? null
                    : result.registeredName() + "@" + result.alias() + " = version " + result.registeredVersion());
            Map<String, String> outputs = new LinkedHashMap<>();
            result.outputs().forEach((k, v) -> outputs.put(k, v.toString()));
            out.put("outputs", outputs);
            out.put("released", result.released());
            out.put("gate", result.gateReasons());
            out.put("tuning", result.tuning());
            Inputs.json(w, out);
            return code;
        }
        w.println("Run " + result.runId());
        result.metrics().forEach((k, v) -> w.println("  " + k + " = " + RunsCommand.format(v)));
        if (result.registeredName() != null) {
            w.println("Registered " + result.registeredName() + " version " + result.registeredVersion()
                    + (result.alias() == null ? "" : " as " + result.registeredName() + "@" + result.alias()));
        }
        if (!result.gateReasons().isEmpty()) {
            w.println("Release gate: " + (result.released() ? "passed" : "FAILED, so the model was not registered"));
            result.gateReasons().forEach(r -> w.println("  " + r));
        }
        if (!result.tuning().isEmpty()) {
            w.println("Tuned: " + result.tuning());
        }
        result.outputs().forEach((k, v) -> w.println(k + ": " + v));
        return code;
    }
}
