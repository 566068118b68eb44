package dev.mlops.cli;

import dev.mlops.api.model.ModelRepository;
import dev.mlops.serve.ModelServer;
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

    @Parameters(index = "0", paramLabel = "REPO", description = "the model repository folder")
    Path repo;

    @Parameters(index = "1", paramLabel = "NAME@ALIAS", description = "what to serve, e.g. credit@production")
    String ref;

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
        if (!Files.isDirectory(repo)) {
            throw new BadInputException("No model repository at " + repo.toAbsolutePath() + "; give the folder models"
                    + " were registered in");
        }
        if (!ref.contains("@")) {
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
        String name = ref.substring(0, ref.indexOf('@'));
        ModelRepository repository = ModelRepository.onFileSystem(repo);
        PrintWriter out = spec.commandLine().getOut();
        try (ModelServer server = ModelServer.load(repository, ref);
             ModelEndpoint endpoint = build(name, server, tokens)) {
            running = endpoint;
            out.println("Serving " + ref + " (version " + server.info().version() + ")");
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
        } finally {
            running = null;
        }
        return 0;
    }

    private ModelEndpoint build(String name, ModelServer server, Set<String> tokens) {
        ModelEndpoint.Builder b = ModelEndpoint.newBuilder().model(name, server)
                .config(EndpointConfig.defaults().toBuilder().host(host).httpPort(port).grpcPort(grpcPort).build());
        if (!tokens.isEmpty()) {
            b.bearerTokens(tokens);
        }
        return b.build();
    }
}
