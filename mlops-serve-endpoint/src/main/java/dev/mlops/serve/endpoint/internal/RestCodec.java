package dev.mlops.serve.endpoint.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.serve.endpoint.internal.InferRequest.RequestedOutput;
import dev.mlops.serve.endpoint.internal.V2Handler.ModelMetadata;
import dev.mlops.serve.endpoint.internal.V2Handler.ServerMetadata;
import dev.mlops.serve.endpoint.internal.V2Handler.TensorMetadata;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The REST body forms of the protocol: the JSON request and response objects, and the binary tensor extension
 * (a JSON header of {@code Inference-Header-Content-Length} bytes followed by the tensors in the binary form).
 * Stateless and thread-safe.
 */
public final class RestCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final JsonFactory FACTORY = MAPPER.getFactory();
    private static final Set<String> REQUEST_FIELDS = Set.of("id", "parameters", "inputs", "outputs", "model_name",
            "model_version");
    private static final Set<String> INPUT_FIELDS = Set.of("name", "shape", "datatype", "parameters", "data");
    private static final Set<String> OUTPUT_FIELDS = Set.of("name", "parameters");

    private RestCodec() {
    }

    /** An encoded body: its bytes and, when it has binary tensors, the length of its JSON header (else -1). */
    public record Body(byte[] bytes, int headerLength) {
    }

    /**
     * Decodes an inference request body.
     *
     * @param headerLength the {@code Inference-Header-Content-Length}, or -1 when the whole body is JSON
     * @param maxElements the most elements one tensor may have
     * @throws EndpointException BAD_REQUEST (or TOO_LARGE) saying what is wrong and where
     */
    public static InferRequest decodeRequest(byte[] body, int headerLength, long maxElements) {
        if (headerLength > body.length || headerLength == 0 || headerLength < -1) {
            throw EndpointException.badRequest("Inference-Header-Content-Length is " + headerLength + " but the body"
                    + " has " + body.length + " bytes; it must give the length of the JSON part, at most the body");
        }
        int jsonLength = headerLength < 0 ? body.length : headerLength;
        JsonNode root;
        try {
            root = MAPPER.readTree(body, 0, jsonLength);
        } catch (JsonProcessingException e) {
            throw EndpointException.badRequest("the request is not valid JSON: " + e.getOriginalMessage()
                    + " at byte " + e.getLocation().getByteOffset());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (root == null || !root.isObject()) {
            throw EndpointException.badRequest("the request must be a JSON object with \"inputs\", got "
                    + (root == null ? "nothing" : root.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
        }
        checkFields(root, REQUEST_FIELDS, "the request");
        String id = text(root, "id", "the request", false);
        JsonNode params = object(root.get("parameters"), "the request's parameters");
        boolean binaryOut = bool(params, "binary_data_output", "the request's parameters");
        long timeout = 0;
        if (params != null && params.has("timeout")) {
            JsonNode t = params.get("timeout");
            if (!t.isIntegralNumber() || !t.canConvertToLong() || t.longValue() < 0) {
                throw EndpointException.badRequest("parameter 'timeout' must be a whole number of microseconds, got "
                        + t);
            }
            timeout = t.longValue();
        }
        JsonNode inputs = root.get("inputs");
        if (inputs == null || !inputs.isArray()) {
            throw EndpointException.badRequest("the request needs \"inputs\", an array of tensors"
                    + (inputs == null ? "" : ", got " + inputs.getNodeType()));
        }
        ByteBuffer binary = ByteBuffer.wrap(body, jsonLength, body.length - jsonLength);
        List<Tensor> tensors = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            tensors.add(input(inputs.get(i), i, binary, maxElements, headerLength >= 0));
        }
        if (binary.hasRemaining()) {
            throw EndpointException.badRequest("the body has " + binary.remaining() + " bytes after the JSON header "
                    + "that no input claims with \"binary_data_size\"");
        }
        List<RequestedOutput> outputs = new ArrayList<>();
        JsonNode outs = root.get("outputs");
        if (outs != null) {
            if (!outs.isArray()) {
                throw EndpointException.badRequest("\"outputs\" must be an array of {\"name\": ...}, got "
                        + outs.getNodeType());
            }
            for (int i = 0; i < outs.size(); i++) {
                JsonNode o = outs.get(i);
                String where = "output " + i;
                if (!o.isObject()) {
                    throw EndpointException.badRequest(where + " must be an object with a \"name\"");
                }
                checkFields(o, OUTPUT_FIELDS, where);
                String name = text(o, "name", where, true);
                JsonNode p = object(o.get("parameters"), "the parameters of output '" + name + "'");
                Boolean bin = p != null && p.has("binary_data") ? bool(p, "binary_data", "output '" + name + "'")
                        : null;
                outputs.add(new RequestedOutput(name, bin));
            }
        }
        return new InferRequest(id, tensors, outputs, binaryOut, timeout);
    }

    private static Tensor input(JsonNode in, int index, ByteBuffer binary, long maxElements, boolean hasBinary) {
        String where = "input " + index;
        if (in == null || !in.isObject()) {
            throw EndpointException.badRequest(where + " must be an object with name, shape, datatype and data");
        }
        checkFields(in, INPUT_FIELDS, where);
        String name = text(in, "name", where, true);
        where = "input '" + name + "'";
        DataType type = DataType.parse(text(in, "datatype", where, true), name);
        JsonNode shapeNode = in.get("shape");
        if (shapeNode == null || !shapeNode.isArray()) {
            throw EndpointException.badRequest(where + " needs \"shape\", an array of dimensions");
        }
        long[] shape = new long[shapeNode.size()];
        for (int d = 0; d < shape.length; d++) {
            JsonNode dim = shapeNode.get(d);
            if (!dim.isIntegralNumber() || !dim.canConvertToLong()) {
                throw EndpointException.badRequest(where + " has dimension " + dim + " in its shape; dimensions "
                        + "are whole numbers");
            }
            shape[d] = dim.longValue();
        }
        long elements = Tensor.elements(name, shape, maxElements);
        JsonNode params = object(in.get("parameters"), "the parameters of " + where);
        JsonNode size = params == null ? null : params.get("binary_data_size");
        if (size != null) {
            if (!hasBinary) {
                throw EndpointException.badRequest(where + " gives \"binary_data_size\" but the request has no "
                        + "Inference-Header-Content-Length header, so there is no binary part");
            }
            if (in.has("data")) {
                throw EndpointException.badRequest(where + " has both \"data\" and \"binary_data_size\"; send one");
            }
            if (!size.isIntegralNumber() || !size.canConvertToLong() || size.longValue() < 0) {
                throw EndpointException.badRequest(where + " has binary_data_size " + size
                        + "; it must be a byte count");
            }
            long n = size.longValue();
            if (n > binary.remaining()) {
                throw EndpointException.badRequest(where + " has binary_data_size " + n + " but only "
                        + binary.remaining() + " bytes of binary data are left in the body");
            }
            ByteBuffer slice = binary.slice();
            slice.limit((int) n);
            binary.position(binary.position() + (int) n);
            return new Tensor(name, type, shape, BinaryTensors.decode(name, type, elements, slice));
        }
        JsonNode data = in.get("data");
        if (data == null) {
            throw EndpointException.badRequest(where + " has no \"data\" (nor binary_data_size)");
        }
        List<JsonNode> flat = new ArrayList<>((int) Math.min(elements, 1 << 16));
        flatten(data, flat, elements, where);
        if (flat.size() != elements) {
            throw EndpointException.badRequest(where + " has shape " + java.util.Arrays.toString(shape) + ", so "
                    + elements + " elements, but its data holds " + flat.size());
        }
        return new Tensor(name, type, shape, values(flat, type, where));
    }

    private static void flatten(JsonNode node, List<JsonNode> into, long limit, String where) {
        if (node.isArray()) {
            for (JsonNode e : node) {
                flatten(e, into, limit, where);
            }
        } else {
            if (into.size() >= limit) {
                throw EndpointException.badRequest(where + " has more data elements than its shape holds ("
                        + limit + ")");
            }
            into.add(node);
        }
    }

    private static Object values(List<JsonNode> flat, DataType type, String where) {
        int n = flat.size();
        switch (type) {
            case BOOL -> {
                boolean[] out = new boolean[n];
                for (int k = 0; k < n; k++) {
                    JsonNode v = flat.get(k);
                    if (!v.isBoolean()) {
                        throw element(where, k, v, "true or false (BOOL)");
                    }
                    out[k] = v.booleanValue();
                }
                return out;
            }
            case INT32 -> {
                int[] out = new int[n];
                for (int k = 0; k < n; k++) {
                    JsonNode v = flat.get(k);
                    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                        throw element(where, k, v, "a whole number within INT32");
                    }
                    out[k] = v.intValue();
                }
                return out;
            }
            case INT64 -> {
                long[] out = new long[n];
                for (int k = 0; k < n; k++) {
                    JsonNode v = flat.get(k);
                    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                        throw element(where, k, v, "a whole number within INT64");
                    }
                    out[k] = v.longValue();
                }
                return out;
            }
            case FP32 -> {
                float[] out = new float[n];
                for (int k = 0; k < n; k++) {
                    JsonNode v = flat.get(k);
                    if (v.isNull()) {
                        out[k] = Float.NaN; // missing: the model's signature decides whether that is allowed
                        continue;
                    }
                    if (!v.isNumber()) {
                        throw element(where, k, v, "a number or null (FP32)");
                    }
                    // from the decimal text itself: one correct rounding, the float a client printed comes back
                    out[k] = v.isBigDecimal() ? v.decimalValue().floatValue() : v.floatValue();
                    if (Float.isInfinite(out[k])) {
                        throw element(where, k, v, "a number within FP32 range");
                    }
                }
                return out;
            }
            case FP64 -> {
                double[] out = new double[n];
                for (int k = 0; k < n; k++) {
                    JsonNode v = flat.get(k);
                    if (v.isNull()) {
                        out[k] = Double.NaN;
                        continue;
                    }
                    if (!v.isNumber()) {
                        throw element(where, k, v, "a number or null (FP64)");
                    }
                    out[k] = v.isBigDecimal() ? v.decimalValue().doubleValue() : v.doubleValue();
                    if (Double.isInfinite(out[k])) {
                        throw element(where, k, v, "a number within FP64 range");
                    }
                }
                return out;
            }
            default -> {
                byte[][] out = new byte[n][];
                for (int k = 0; k < n; k++) {
                    JsonNode v = flat.get(k);
                    if (!v.isTextual()) {
                        throw element(where, k, v, "a string (BYTES)");
                    }
                    out[k] = v.textValue().getBytes(StandardCharsets.UTF_8);
                }
                return out;
            }
        }
    }

    private static EndpointException element(String where, int k, JsonNode v, String expected) {
        String shown = v.toString();
        return EndpointException.badRequest(where + " element " + k + " is " + (shown.length() > 40
                ? shown.substring(0, 40) + "..." : shown) + " but must be " + expected);
    }

    private static void checkFields(JsonNode node, Set<String> allowed, String where) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String f = names.next();
            if (!allowed.contains(f)) {
                throw EndpointException.badRequest(where + " has unknown field \"" + f + "\"; the protocol's fields "
                        + "there are " + new java.util.TreeSet<>(allowed));
            }
        }
    }

    private static String text(JsonNode node, String field, String where, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw EndpointException.badRequest(where + " needs \"" + field + "\"");
            }
            return "";
        }
        if (!v.isTextual()) {
            throw EndpointException.badRequest(where + " has \"" + field + "\" " + v.getNodeType()
                    + "; it must be a string");
        }
        return v.textValue();
    }

    private static JsonNode object(JsonNode v, String where) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw EndpointException.badRequest(where + " must be a JSON object, got " + v.getNodeType());
        }
        return v;
    }

    private static boolean bool(JsonNode params, String field, String where) {
        if (params == null || !params.has(field)) {
            return false;
        }
        JsonNode v = params.get(field);
        if (!v.isBoolean()) {
            throw EndpointException.badRequest("parameter '" + field + "' of " + where + " must be true or false, "
                    + "got " + v);
        }
        return v.booleanValue();
    }

    // ---- responses -------------------------------------------------------------------------------------------

    /** Encodes an inference response: JSON, with the binary outputs after it when any output is binary. */
    public static Body encodeResponse(InferResponse r) {
        List<byte[]> binaries = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("model_name", r.model());
            g.writeStringField("model_version", r.version());
            if (!r.id().isEmpty()) {
                g.writeStringField("id", r.id());
            }
            g.writeArrayFieldStart("outputs");
            for (int i = 0; i < r.outputs().size(); i++) {
                Tensor t = r.outputs().get(i);
                g.writeStartObject();
                g.writeStringField("name", t.name());
                g.writeStringField("datatype", t.datatype().name());
                g.writeFieldName("shape");
                g.writeArray(t.shape(), 0, t.shape().length);
                if (r.binary().get(i)) {
                    byte[] b = BinaryTensors.encode(t);
                    binaries.add(b);
                    g.writeObjectFieldStart("parameters");
                    g.writeNumberField("binary_data_size", b.length);
                    g.writeEndObject();
                } else {
                    g.writeFieldName("data");
                    writeData(g, t.data());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (binaries.isEmpty()) {
            return new Body(out.toByteArray(), -1);
        }
        int header = out.size();
        for (byte[] b : binaries) {
            out.writeBytes(b);
        }
        return new Body(out.toByteArray(), header);
    }

    private static void writeData(JsonGenerator g, Object data) throws IOException {
        g.writeStartArray();
        if (data instanceof float[] a) {
            for (float v : a) {
                if (v != v) {
                    g.writeNull(); // JSON has no NaN: a missing value is null both ways
                } else {
                    g.writeNumber(v);
                }
            }
        } else if (data instanceof double[] a) {
            for (double v : a) {
                if (v != v) {
                    g.writeNull();
                } else {
                    g.writeNumber(v);
                }
            }
        } else if (data instanceof long[] a) {
            for (long v : a) {
                g.writeNumber(v);
            }
        } else if (data instanceof int[] a) {
            for (int v : a) {
                g.writeNumber(v);
            }
        } else if (data instanceof boolean[] a) {
            for (boolean v : a) {
                g.writeBoolean(v);
            }
        } else {
            for (byte[] v : (byte[][]) data) {
                g.writeString(new String(v, StandardCharsets.UTF_8));
            }
        }
        g.writeEndArray();
    }

    /** The server metadata object. */
    public static byte[] encode(ServerMetadata m) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("name", m.name());
        o.put("version", m.version());
        o.put("extensions", m.extensions());
        return write(o);
    }

    /** The model metadata object. */
    public static byte[] encode(ModelMetadata m) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("name", m.name());
        o.put("versions", m.versions());
        o.put("platform", m.platform());
        o.put("inputs", tensors(m.inputs()));
        o.put("outputs", tensors(m.outputs()));
        return write(o);
    }

    private static List<Map<String, Object>> tensors(List<TensorMetadata> ts) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (TensorMetadata t : ts) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", t.name());
            o.put("datatype", t.datatype());
            o.put("shape", t.shape());
            out.add(o);
        }
        return out;
    }

    /** {@code {"error": message}}. */
    public static byte[] error(String message) {
        return write(Map.of("error", message));
    }

    /** {@code {"ready": ready}} / {@code {"live": live}}: a small flag object. */
    public static byte[] flag(String name, boolean value) {
        return write(Map.of(name, value));
    }

    private static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value, e);
        }
    }

    /** Reads a JSON body (for tests and clients in this module). */
    static JsonNode parse(byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
