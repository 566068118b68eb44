package dev.mlops.serve.endpoint.internal;

import dev.mlops.serve.endpoint.internal.EndpointException.Kind;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Open Inference Protocol's REST routes as a Jakarta Servlet over a {@link V2Handler}: mount it on a path of any
 * servlet container ({@code /*} or {@code /models/*}; routes are read from the path after the mount). The standalone
 * endpoint mounts this same servlet in Jetty.
 *
 * <p>Every client mistake is a 4xx with {@code {"error": "..."}}; every response carries {@code X-Request-Id}; one
 * access-log line per request goes to the SLF4J logger {@code dev.mlops.serve.endpoint.access}.
 */
public final class V2Servlet extends HttpServlet {
    /** The most of an oversized body read (and dropped) so that its client gets to read the 413. */
    private static final long DISCARD_LIMIT = 16L << 20;

    private static final long serialVersionUID = 1L;
    private static final Logger ACCESS = LoggerFactory.getLogger("dev.mlops.serve.endpoint.access");
    private static final Logger LOG = LoggerFactory.getLogger(V2Servlet.class);
    /** The binary extension's header: the length of the JSON part of the body. */
    public static final String HEADER_LENGTH = "Inference-Header-Content-Length";
    /** The request id header. */
    public static final String REQUEST_ID = "X-Request-Id";

    private final transient V2Handler handler;
    private final transient BearerTokens tokens;

    /** A servlet over a handler, checking these tokens. */
    public V2Servlet(V2Handler handler, BearerTokens tokens) {
        this.handler = handler;
        this.tokens = tokens;
    }

    private enum Op { LIVE, READY, SERVER_METADATA, MODEL_METADATA, MODEL_READY, INFER, METRICS }

    private record Route(Op op, String model, String version) {
    }

    /** The container takes the servlet out of service: the handler refuses new inferences and stops its listeners. */
    @Override
    public void destroy() {
        handler.close();
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        long start = System.nanoTime();
        String id = requestId(req.getHeader(REQUEST_ID));
        String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
        int status = 200;
        long bytes = 0;
        try {
            Route route = route(req.getMethod(), path);
            boolean open = handler.config().openHealth() && (route.op == Op.LIVE || route.op == Op.READY
                    || route.op == Op.MODEL_READY);
            if (!open) {
                tokens.check(req.getHeader("Authorization"));
            }
            switch (route.op) {
                case LIVE -> bytes = json(resp, handler.live() ? 200 : 503, RestCodec.flag("live", handler.live()),
                        id);
                case READY -> bytes = json(resp, handler.ready() ? 200 : 503, RestCodec.flag("ready",
                        handler.ready()), id);
                case SERVER_METADATA -> bytes = json(resp, 200, RestCodec.encode(handler.serverMetadata()), id);
                case MODEL_METADATA -> bytes = json(resp, 200, RestCodec.encode(handler.modelMetadata(route.model,
                        route.version)), id);
                case MODEL_READY -> {
                    boolean ready = handler.modelReady(route.model, route.version);
                    bytes = json(resp, ready ? 200 : 503, RestCodec.flag("ready", ready), id);
                }
                case METRICS -> {
                    byte[] text = handler.metrics().scrape().getBytes(StandardCharsets.UTF_8);
                    resp.setStatus(200);
                    resp.setContentType("text/plain; version=0.0.4; charset=utf-8");
                    resp.setHeader(REQUEST_ID, id);
                    bytes = write(resp, text);
                }
                case INFER -> {
                    InferRequest request = readInfer(req, id);
                    if (!request.id().isEmpty()) {
                        id = request.id();
                    } else {
                        request = new InferRequest(id, request.inputs(), request.outputs(), request.binaryOutputs(),
                                request.timeoutMicros());
                    }
                    RestCodec.Body body = RestCodec.encodeResponse(handler.infer(route.model, route.version, request,
                            0));
                    resp.setStatus(200);
                    resp.setHeader(REQUEST_ID, id);
                    if (body.headerLength() >= 0) {
                        resp.setContentType("application/octet-stream");
                        resp.setHeader(HEADER_LENGTH, Integer.toString(body.headerLength()));
                    } else {
                        resp.setContentType("application/json");
                    }
                    bytes = write(resp, body.bytes());
                }
                default -> throw new IllegalStateException("unreachable");
            }
        } catch (EndpointException e) {
            status = e.kind().httpStatus();
            bytes = error(resp, e.kind(), e.getMessage(), id, path);
        } catch (RuntimeException e) {
            status = 500;
            LOG.error("Request {} {} (id {}) failed inside the endpoint", req.getMethod(), path, id, e);
            bytes = error(resp, Kind.INTERNAL, "the endpoint failed on this request (id " + id + "): " + e, id, path);
        } finally {
            ACCESS.info("{} {} {} {}B {}us id={}", req.getMethod(), path, status == 200 ? resp.getStatus() : status,
                    bytes, (System.nanoTime() - start) / 1000, id);
        }
    }

    private static String requestId(String header) {
        if (header != null && !header.isEmpty() && header.length() <= 128 && header.chars().allMatch(c -> c > 32
                && c < 127)) {
            return header;
        }
        return UUID.randomUUID().toString();
    }

    private static Route route(String method, String path) {
        String[] p = path.substring(1).split("/", -1);
        String m = method.toUpperCase(Locale.ROOT);
        if (p.length == 1 && p[0].equals("metrics")) {
            return get(m, new Route(Op.METRICS, null, null));
        }
        if (p.length >= 1 && p[0].equals("v2")) {
            if (p.length == 1 || p.length == 2 && p[1].isEmpty()) {
                return get(m, new Route(Op.SERVER_METADATA, null, null));
            }
            if (p.length == 3 && p[1].equals("health") && (p[2].equals("live") || p[2].equals("ready"))) {
                return get(m, new Route(p[2].equals("live") ? Op.LIVE : Op.READY, null, null));
            }
            if (p.length >= 3 && p[1].equals("models") && !p[2].isEmpty()) {
                String model = p[2];
                int at = 3;
                String version = null;
                if (p.length >= 5 && p[3].equals("versions") && !p[4].isEmpty()) {
                    version = p[4];
                    at = 5;
                }
                if (p.length == at) {
                    return get(m, new Route(Op.MODEL_METADATA, model, version));
                }
                if (p.length == at + 1 && p[at].equals("ready")) {
                    return get(m, new Route(Op.MODEL_READY, model, version));
                }
                if (p.length == at + 1 && p[at].equals("infer")) {
                    if (!m.equals("POST")) {
                        throw new EndpointException(Kind.METHOD_NOT_ALLOWED, "infer takes POST, not " + m);
                    }
                    return new Route(Op.INFER, model, version);
                }
            }
        }
        throw new EndpointException(Kind.NOT_FOUND, "no route " + path + "; the routes are /v2, /v2/health/live, "
                + "/v2/health/ready, /v2/models/{name}[/versions/{v}][/ready|/infer] and /metrics");
    }

    private static Route get(String method, Route r) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            throw new EndpointException(Kind.METHOD_NOT_ALLOWED, "this route takes GET, not " + method);
        }
        return r;
    }

    private InferRequest readInfer(HttpServletRequest req, String id) {
        String lengthHeader = req.getHeader(HEADER_LENGTH);
        String type = req.getContentType() == null ? "" : req.getContentType().toLowerCase(Locale.ROOT);
        int headerLength = -1;
        if (lengthHeader != null) {
            try {
                headerLength = Integer.parseInt(lengthHeader.trim());
            } catch (NumberFormatException e) {
                throw EndpointException.badRequest(HEADER_LENGTH + " is '" + lengthHeader + "'; it must be the "
                        + "byte length of the JSON part of the body");
            }
            if (!type.isEmpty() && !type.startsWith("application/octet-stream") && !type.startsWith(
                    "application/json")) {
                throw new EndpointException(Kind.UNSUPPORTED_MEDIA_TYPE, "a binary tensor request is "
                        + "application/octet-stream, not " + req.getContentType());
            }
        } else if (!type.isEmpty() && !type.startsWith("application/json")) {
            throw new EndpointException(Kind.UNSUPPORTED_MEDIA_TYPE, "an inference request is application/json "
                    + "(or application/octet-stream with " + HEADER_LENGTH + "), not " + req.getContentType());
        }
        byte[] body = readBody(req);
        return RestCodec.decodeRequest(body, headerLength, handler.config().maxTensorElements());
    }

    private byte[] readBody(HttpServletRequest req) {
        long max = handler.config().maxRequestBytes();
        long declared = req.getContentLengthLong();
        try (InputStream in = req.getInputStream()) {
            if (declared > max) {
                discardAtMost(in, declared);
                throw new EndpointException(Kind.TOO_LARGE, "the body is " + declared + " bytes, over the endpoint's "
                        + "limit of " + max + "; send fewer rows per request");
            }
            byte[] body = in.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
            if (body.length > max) {
                discardAtMost(in, DISCARD_LIMIT);
                throw new EndpointException(Kind.TOO_LARGE, "the body is over the endpoint's limit of " + max
                        + " bytes; send fewer rows per request");
            }
            if (body.length == 0) {
                throw EndpointException.badRequest("the request has no body; POST a JSON inference request");
            }
            return body;
        } catch (IOException e) {
            throw new EndpointException(Kind.REQUEST_TIMEOUT, "the request body did not arrive completely ("
                    + e.getMessage() + "); send the whole body promptly", e);
        }
    }

    /**
     * Reads and drops the rest of an oversized body, up to {@link #DISCARD_LIMIT}, so the client (still sending it)
     * reads the 413 instead of a reset connection; a body larger than that is cut off.
     */
    private static void discardAtMost(InputStream in, long bytes) throws IOException {
        if (bytes <= DISCARD_LIMIT) {
            long left = bytes;
            byte[] sink = new byte[8192];
            int n;
            while (left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0) {
                left -= n;
            }
        }
    }

    private static long json(HttpServletResponse resp, int status, byte[] body, String id) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setHeader(REQUEST_ID, id);
        return write(resp, body);
    }

    private static long error(HttpServletResponse resp, Kind kind, String message, String id, String path) {
        try {
            if (resp.isCommitted()) {
                return 0;
            }
            resp.reset();
            if (kind == Kind.OVERLOADED || kind == Kind.UNAVAILABLE) {
                resp.setHeader("Retry-After", "1");
            }
            if (kind == Kind.UNAUTHENTICATED) {
                resp.setHeader("WWW-Authenticate", "Bearer");
            }
            if (kind == Kind.METHOD_NOT_ALLOWED) {
                resp.setHeader("Allow", path.endsWith("/infer") ? "POST" : "GET");
            }
            return json(resp, kind.httpStatus(), RestCodec.error(message), id);
        } catch (IOException | IllegalStateException e) {
            return 0; // the client is gone
        }
    }

    private static long write(HttpServletResponse resp, byte[] body) throws IOException {
        resp.setContentLength(body.length);
        try (OutputStream out = resp.getOutputStream()) {
            out.write(body);
        }
        return body.length;
    }
}
