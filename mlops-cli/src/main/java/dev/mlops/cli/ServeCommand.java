package dev.mlops.cli;

import dev.mlops.api.model.ModelRepository;
import dev.mlops.monitor.AlertRouter;
import dev.mlops.monitor.DriftMonitor;
import dev.mlops.monitor.WindowReport;
import dev.mlops.pipeline.Pipeline;
import dev.mlops.pipeline.PipelineFile;
import dev.mlops.serve.ModelServer;
import dev.mlops.serve.ServerConfig;
import dev.mlops.serve.endpoint.EndpointConfig;
import dev.mlops.serve.endpoint.ModelEndpoint;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mlops serve REPO NAME@ALIAS}: the model behind the Open Inference Protocol over REST and gRPC until the
 * process is stopped (Ctrl-C); the server follows the alias, so {@code mlops models promote} swaps what it serves.
 * {@code mlops serve --pipeline FILE} serves what the pipeline file registers, with its {@code serve} section's
 * endpoint and server settings and token file; options given on the command line win over the file. With a
 * {@code monitor} section, a {@link DriftMonitor} with its drift options and windows watches the traffic against the
 * artifact's training profile: each alert is printed as it fires, and the open windows are reported when serving
 * stops.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve a registered model over REST and gRPC (Open Inference Protocol, KServe V2) until stopped;"
                + " it reloads when the alias moves.")
final class ServeCommand implements Callable<Integer> {
    /** Released to stop a running {@code serve} (tests; a user stops the process). */
    static volatile CountDownLatch stop = new CountDownLatch(1);
    /** The running endpoint, for tests. */
    static volatile ModelEndpoint running;
    /** Released once the endpoint is up (tests wait on it). */
    static volatile CountDownLatch started = new CountDownLatch(1);

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "REPO", description = "the model repository folder"
            + " (default with --pipeline: its register.repository)")
    Path repo;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME@ALIAS", description = "what to serve, e.g."
            + " credit@production (default with --pipeline: its register.name@alias)")
    String ref;

    @Option(names = "--pipeline", paramLabel = "FILE", description = "a pipeline file: serve what it registers, with"
            + " its serve section (endpoint, server, tokenFile)")
    Path pipeline;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT", description = "the REST port (0: any free;"
            + " -1: none); default ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--grpc-port", defaultValue = "8081", paramLabel = "PORT", description = "the gRPC port (0: any"
            + " free; -1: none); default ${DEFAULT-VALUE}")
    int grpcPort;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "HOST", description = "the address to bind;"
            + " default ${DEFAULT-VALUE} (0.0.0.0 for every interface)")
    String host;

    @Option(names = "--token-file", paramLabel = "FILE", description = "accepted bearer tokens, one per line; without"
            + " it the endpoint takes every caller")
    Path tokenFile;

    @Override
    public Integer call() throws InterruptedException {
        EndpointConfig endpointConfig = EndpointConfig.defaults().toBuilder().host("127.0.0.1").httpPort(8080)
                .grpcPort(8081).build();
        ServerConfig serverConfig = ServerConfig.defaults();
        boolean refFromFile = false;
        PipelineFile.Monitor monitoring = null;
        if (pipeline != null) {
            Inputs.text(pipeline, "pipeline file"); // a clear message when it is missing
            Pipeline p = Pipeline.fromFile(pipeline);
            PipelineFile.Register register = p.file().register();
            if ((repo == null || ref == null) && register == null) {
                throw new BadInputException("The pipeline file " + pipeline + " registers no model (it has no register"
                        + " section); give REPO NAME@ALIAS, or add register: {repository, name, alias}");
            }
            if (repo == null) {
                repo = p.path(register.repository());
            }
            if (ref == null) {
                // without an alias, the name alone resolves to the latest version
                ref = register.alias() == null ? register.name() : register.name() + "@" + register.alias();
                refFromFile = true;
            }
            monitoring = p.file().monitor();
            PipelineFile.Serve serve = p.file().serve();
            if (serve != null) {
                endpointConfig = serve.endpoint() == null ? endpointConfig : serve.endpoint();
                serverConfig = serve.server() == null ? serverConfig : serve.server();
                if (tokenFile == null && serve.tokenFile() != null) {
                    tokenFile = p.path(serve.tokenFile());
                }
            }
        }
        if (repo == null || ref == null) {
            throw new BadInputException("Give the model repository and the model, e.g. 'mlops serve models"
                    + " credit@production', or --pipeline FILE to serve what a pipeline file registers");
        }
        EndpointConfig.Builder config = endpointConfig.toBuilder();
        var parsed = spec.commandLine().getParseResult();
        if (pipeline == null || parsed.hasMatchedOption("--port")) {
            config.httpPort(port);
        }
        if (pipeline == null || parsed.hasMatchedOption("--grpc-port")) {
            config.grpcPort(grpcPort);
        }
        if (pipeline == null || parsed.hasMatchedOption("--host")) {
            config.host(host);
        }
        if (!Files.isDirectory(repo)) {
            throw new BadInputException("No model repository at " + repo.toAbsolutePath() + "; give the folder models"
                    + " were registered in");
        }
        if (!ref.contains("@") && !refFromFile) {
            throw new BadInputException("Give the model as NAME@ALIAS (e.g. credit@production) or NAME@VERSION, got '"
                    + ref + "'");
        }
        Set<String> tokens = new LinkedHashSet<>();
        if (tokenFile != null) {
            Inputs.text(tokenFile, "token file").lines().map(String::strip).filter(l -> !l.isEmpty())
                    .forEach(tokens::add);
            if (tokens.isEmpty()) {
                throw new BadInputException("The token file " + tokenFile + " holds no token; put one per line");
            }
        }
        String name = ref.contains("@") ? ref.substring(0, ref.indexOf('@')) : ref;
        ModelRepository repository = ModelRepository.onFileSystem(repo);
        PrintWriter out = spec.commandLine().getOut();
        try (ModelServer server = ModelServer.newBuilder().repository(repository, ref).config(serverConfig).build();
             DriftMonitor monitor = monitoring == null ? null : monitor(monitoring, repository, ref, out);
             ModelEndpoint endpoint = build(name, server, tokens, config.build())) {
            if (monitor != null) {
                server.onPrediction(monitor); // ends with the server
            }
            running = endpoint;
            out.println("Serving " + ref + " (version " + server.info().version() + ")");
            if (monitor != null) {
                out.println("  Drift monitored against the training profile, windows " + describe(monitoring.window()));
            }
            if (endpoint.httpPort() > 0) {
                out.println("  REST  " + endpoint.httpUri() + "v2/models/" + name + "/infer");
            }
            if (endpoint.grpcPort() > 0) {
                out.println("  gRPC  " + endpoint.grpcTarget());
            }
            out.println("Stop with Ctrl-C.");
            out.flush();
            started.countDown();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop.countDown(), "mlops-serve-stop"));
            stop.await();
            if (monitor != null) {
                for (WindowReport w : monitor.flush()) {
                    out.println("Window " + w.key() + ": " + w.rows() + " rows, drifted " + w.driftedColumns()
                            + (w.datasetDrift() ? " (dataset drift)" : ""));
                }
                out.flush();
            }
        } finally {
            running = null;
        }
        return 0;
    }

    private static String describe(dev.mlops.monitor.WindowSpec w) {
        if (w == null) {
            return "as the monitor's default";
        }
        return switch (w.kind()) {
            case ROWS -> "of " + w.rows() + " rows";
            case TUMBLING -> "of " + java.time.Duration.ofMillis(w.sizeMillis()) + ", tumbling";
            case SLIDING -> "of " + java.time.Duration.ofMillis(w.sizeMillis()) + " every "
                    + java.time.Duration.ofMillis(w.stepMillis());
            case KEY -> "by the value of " + w.keyColumn();
        };
    }

    /** The monitor of the pipeline file's {@code monitor} section, printing each alert as it fires. */
    static DriftMonitor monitor(PipelineFile.Monitor settings, ModelRepository repository, String ref,
                                        PrintWriter out) {
        DriftMonitor.Builder b = DriftMonitor.against(repository.load(ref));
        if (settings.drift() != null) {
            b.options(settings.drift());
        }
        if (settings.window() != null) {
            b.window(settings.window());
        }
        return b.alerts(AlertRouter.newBuilder().sink(alert -> {
            synchronized (out) {
                out.println("ALERT [" + alert.kind() + "] " + alert.message());
                out.flush();
            }
        }).build()).build();
    }

    private static ModelEndpoint build(String name, ModelServer server, Set<String> tokens, EndpointConfig config) {
        ModelEndpoint.Builder b = ModelEndpoint.newBuilder().model(name, server).config(config);
        if (!tokens.isEmpty()) {
            b.bearerTokens(tokens);
        }
        return b.build();
    }
}
