package dev.mlops.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.api.Json;
import dev.mlops.data.validate.InferenceOptions;
import dev.mlops.features.Preprocessing;
import dev.mlops.features.SelectionRule;
import dev.mlops.features.Transform;
import dev.mlops.monitor.DriftOptions;
import dev.mlops.monitor.WindowSpec;
import dev.mlops.serve.ServerConfig;
import dev.mlops.serve.endpoint.EndpointConfig;
import dev.mlops.train.EvaluatorSettings;
import dev.mlops.train.ParamSpace;
import dev.mlops.train.TrainerSettings;
import dev.mlops.train.TunerSettings;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a pipeline file's tree as a whole before it is bound: unknown keys (with "did you mean"), wrong kinds of
 * value, missing or contradictory settings, and the trainer's settings through its own record's checks. Collects
 * every problem instead of stopping at the first.
 */
final class Validation {
    private static final Set<String> SOURCE_TYPES = Set.of("csv", "jsonLines", "jdbc");
    /** The keys of one dimension of a {@link ParamSpace}, and its kinds (as ParamSpace writes them). */
    private static final List<String> DIMENSION_KEYS = List.of("values", "kind", "lo", "hi");
    private static final List<String> DIMENSION_KINDS = List.of("values", "uniform", "logUniform", "intRange");
    private static final ObjectMapper MAPPER = Json.mapper();

    private Validation() {
    }

    static void check(JsonNode root, List<PipelineProblem> problems) {
        keys(root, PipelineFile.class, "", problems);
        JsonNode source = root.get("source");
        if (source == null || source.isNull()) {
            problems.add(new PipelineProblem("source", null, "required: the data to read (type csv, jsonLines or"
                    + " jdbc)"));
        } else if (object(source, "source", problems)) {
            keys(source, PipelineFile.Source.class, "source", problems);
            String type = text(source, "type");
            if (type == null) {
                problems.add(new PipelineProblem("source.type", null, "required: one of csv, jsonLines, jdbc"));
            } else if (!SOURCE_TYPES.contains(type)) {
                problems.add(new PipelineProblem("source.type", type, "allowed: csv, jsonLines, jdbc"
                        + suggestion(type, SOURCE_TYPES)));
            } else if (type.equals("jdbc")) {
                required(source, "source", "url", "the JDBC URL", problems);
                required(source, "source", "query", "the SQL query to read", problems);
            } else {
                required(source, "source", "path", "the file to read", problems);
            }
            required(source, "source", "label", "the label column", problems);
        }
        JsonNode split = root.get("split");
        if (split != null && object(split, "split", problems)) {
            keys(split, PipelineFile.Split.class, "split", problems);
            JsonNode share = split.get("testShare");
            if (share != null && share.isNumber() && !(share.asDouble() > 0 && share.asDouble() < 1)) {
                problems.add(new PipelineProblem("split.testShare", share.asText(),
                        "allowed: a share strictly between 0 and 1, such as 0.2"));
            }
        }
        JsonNode register = root.get("register");
        if (register != null && object(register, "register", problems)) {
            keys(register, PipelineFile.Register.class, "register", problems);
            required(register, "register", "repository", "the model repository folder", problems);
            required(register, "register", "name", "the model name", problems);
        }
        JsonNode tracking = root.get("tracking");
        if (tracking != null && object(tracking, "tracking", problems)) {
            keys(tracking, PipelineFile.Tracking.class, "tracking", problems);
            boolean dir = text(tracking, "directory") != null;
            boolean jdbc = text(tracking, "jdbcUrl") != null;
            if (dir == jdbc) {
                problems.add(new PipelineProblem("tracking", tracking.toString(),
                        "give exactly one of directory (a folder) or jdbcUrl (a SQL store)"));
            }
        }
        trainer(root, problems);
        checks(root, problems);
        features(root, problems);
        tuning(root, problems);
        settings((ObjectNode) root, "gate", "gate", EvaluatorSettings.class, EvaluatorSettings.defaults(), problems);
        JsonNode serve = root.get("serve");
        if (serve != null && !serve.isNull() && object(serve, "serve", problems)) {
            keys(serve, PipelineFile.Serve.class, "serve", problems);
            settings((ObjectNode) serve, "endpoint", "serve.endpoint", EndpointConfig.class, EndpointConfig.defaults(),
                    problems);
            settings((ObjectNode) serve, "server", "serve.server", ServerConfig.class, ServerConfig.defaults(),
                    problems);
        }
        JsonNode monitor = root.get("monitor");
        if (monitor != null && !monitor.isNull() && object(monitor, "monitor", problems)) {
            keys(monitor, PipelineFile.Monitor.class, "monitor", problems);
            settings((ObjectNode) monitor, "drift", "monitor.drift", DriftOptions.class, DriftOptions.defaults(),
                    problems);
            settings((ObjectNode) monitor, "window", "monitor.window", WindowSpec.class, null, problems);
        }
    }

    /** The data checks: a contract file, an inferred contract, or both, and how one is inferred. */
    private static void checks(JsonNode root, List<PipelineProblem> problems) {
        JsonNode checks = root.get("checks");
        if (checks == null || checks.isNull() || !object(checks, "checks", problems)) {
            return;
        }
        keys(checks, PipelineFile.Checks.class, "checks", problems);
        boolean infer = checks.path("infer").asBoolean(false);
        if (text(checks, "contract") == null && !infer) {
            problems.add(new PipelineProblem("checks", checks.toString(), "give a contract (a contract file, as"
                    + " 'mlops infer-contract' writes it) or infer: true (a contract inferred from the training rows"
                    + " checks the test rows), or both"));
        }
        if (checks.has("inference") && !infer) {
            problems.add(new PipelineProblem("checks.inference", checks.get("inference").toString(),
                    "only used with infer: true; set it, or remove inference"));
        }
        settings((ObjectNode) checks, "inference", "checks.inference", InferenceOptions.class,
                InferenceOptions.DEFAULTS, problems);
    }

    /** The selection rule and the preprocessing chain, each step bound on its own so a problem names its index. */
    private static void features(JsonNode root, List<PipelineProblem> problems) {
        JsonNode features = root.get("features");
        if (features == null || features.isNull() || !object(features, "features", problems)) {
            return;
        }
        keys(features, PipelineFile.Features.class, "features", problems);
        if (!features.has("selection") && !features.has("preprocessing")) {
            problems.add(new PipelineProblem("features", features.toString(), "give a selection (a rule such as"
                    + " {method: mutual_information, minScore: 0.005, atLeast: 5}), a preprocessing chain"
                    + " ({steps: [...]}), or both; or leave features out"));
        }
        JsonNode selection = features.get("selection");
        if (selection != null && selection.isObject() && selection.get("method") != null
                && selection.get("method").isTextual()
                && !SelectionRule.METHODS.containsKey(selection.get("method").asText())) {
            String method = selection.get("method").asText();
            Set<String> methods = new TreeSet<>(SelectionRule.METHODS.keySet());
            problems.add(new PipelineProblem("features.selection.method", method, "unknown ranking method; allowed: "
                    + String.join(", ", methods) + suggestion(method, methods)));
        } else {
            settings((ObjectNode) features, "selection", "features.selection", SelectionRule.class, null, problems);
        }
        JsonNode chain = features.get("preprocessing");
        if (chain != null && !chain.isNull() && object(chain, "features.preprocessing", problems)) {
            int before = problems.size();
            shape(chain, Preprocessing.class, "features.preprocessing", problems);
            JsonNode steps = chain.get("steps");
            if (problems.size() == before && steps != null && steps.isArray()) {
                for (int i = 0; i < steps.size(); i++) {
                    bind(steps.get(i), Transform.class, "features.preprocessing.steps[" + i + "]", problems);
                }
            }
            if (problems.size() == before) {
                if (steps == null || steps.isNull()) {
                    problems.add(new PipelineProblem("features.preprocessing.steps", null, "required: the transforms"
                            + " in order, such as [{kind: IMPUTE, imputation: MEDIAN, columns: [age]}]"));
                } else {
                    bind(chain, Preprocessing.class, "features.preprocessing", problems);
                }
            }
        }
    }

    /** The search, completed from the tuner's defaults; every setting it tries must be one of the trainer's. */
    private static void tuning(JsonNode root, List<PipelineProblem> problems) {
        int before = problems.size();
        settings((ObjectNode) root, "tuning", "tuning", TunerSettings.class, TunerSettings.newBuilder().build(),
                problems);
        JsonNode space = root.path("tuning").get("space");
        String algorithm = text(root.path("trainer"), "algorithm");
        Class<?> type = algorithm == null ? null : Pipeline.algorithms().get(algorithm);
        if (problems.size() > before || space == null || !space.isObject() || type == null) {
            return;
        }
        List<String> known = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            known.add(c.getName());
        }
        known.remove("algorithm");
        for (Iterator<String> it = space.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                problems.add(new PipelineProblem("tuning.space." + name, space.get(name).toString(), "not a setting of "
                        + algorithm + "; settings: " + String.join(", ", known)
                        + suggestion(name, known)));
            }
        }
    }

    /**
     * One settings object: its keys, kinds and allowed values checked against its record, completed from the
     * record's defaults (when it has them), then bound through the record so its own checks run. The completed tree
     * replaces the one written, so the run record holds every setting the run used.
     */
    private static void settings(ObjectNode parent, String key, String path, Class<?> type, Object defaults,
                                 List<PipelineProblem> problems) {
        JsonNode node = parent.get(key);
        if (node == null || node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            problems.add(new PipelineProblem(path, node.toString(), "expected an object with "
                    + Pipeline.names(type.asSubclass(Record.class))));
            return;
        }
        int before = problems.size();
        shape(node, type, path, problems);
        if (problems.size() > before) {
            return;
        }
        ObjectNode full;
        if (defaults == null) {
            full = node.deepCopy();
        } else {
            full = MAPPER.valueToTree(defaults);
            node.fields().forEachRemaining(e -> full.set(e.getKey(), e.getValue()));
        }
        List<String> written = new ArrayList<>();
        node.fieldNames().forEachRemaining(written::add);
        if (bind(full, type, path, written, problems)) {
            parent.set(key, full);
        }
    }

    private static boolean bind(JsonNode node, Class<?> type, String path, List<PipelineProblem> problems) {
        List<String> written = new ArrayList<>();
        node.fieldNames().forEachRemaining(written::add);
        return bind(node, type, path, written, problems);
    }

    /**
     * Binds a tree through its record; a failed check becomes a problem at the setting its message names, one the
     * file wrote when the message names one.
     */
    private static boolean bind(JsonNode node, Class<?> type, String path, List<String> written,
                                List<PipelineProblem> problems) {
        try {
            MAPPER.treeToValue(node, type);
            return true;
        } catch (Exception e) {
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof IllegalArgumentException)
                    && !(cause instanceof NullPointerException)) {
                cause = cause.getCause();
            }
            if (cause instanceof InvocationTargetException ite && ite.getCause() != null) {
                cause = ite.getCause();
            }
            String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
            List<String> names = new ArrayList<>();
            if (type.isRecord()) {
                for (RecordComponent c : type.getRecordComponents()) {
                    names.add(c.getName());
                }
            }
            names.sort(Comparator.comparing((String n) -> !written.contains(n))
                    .thenComparing(Comparator.comparingInt(String::length).reversed()));
            if (cause instanceof NullPointerException && names.contains(message)) {
                problems.add(new PipelineProblem(path + "." + message, null, "required"
                        + allowed(type, message)));
                return false;
            }
            String at = path;
            String value = null;
            for (String k : names) {
                if (node.has(k) && message.contains(k)) {
                    at = path + "." + k;
                    value = node.get(k).toString();
                    break;
                }
            }
            problems.add(new PipelineProblem(at, value, message));
            return false;
        }
    }

    /** "; allowed: A, B" when the component is an enum, else "". */
    private static String allowed(Class<?> type, String component) {
        for (RecordComponent c : type.getRecordComponents()) {
            if (c.getName().equals(component) && c.getType().isEnum()) {
                return "; allowed: " + enumNames(c.getType());
            }
        }
        return "";
    }

    private static String enumNames(Class<?> type) {
        List<String> names = new ArrayList<>();
        for (Object v : type.getEnumConstants()) {
            names.add(((Enum<?>) v).name());
        }
        return String.join(", ", names);
    }

    /**
     * The shape of a value against the Java type it binds to: unknown keys of records (with "did you mean"), the
     * kind of every value, the names of enums, lists and maps element by element, and a {@link ParamSpace}'s
     * dimensions.
     */
    static void shape(JsonNode v, Type type, String path, List<PipelineProblem> problems) {
        if (v == null || v.isNull()) {
            return;
        }
        Class<?> t = raw(type);
        String expected = null;
        if (t == String.class) {
            expected = v.isTextual() ? null : "a string";
        } else if (t == double.class || t == Double.class || t == float.class || t == Float.class) {
            expected = v.isNumber() ? null : "a number";
        } else if (t == int.class || t == Integer.class || t == long.class || t == Long.class) {
            expected = v.isIntegralNumber() ? null : "a whole number";
        } else if (t == boolean.class || t == Boolean.class) {
            expected = v.isBoolean() ? null : "true or false";
        } else if (t.isEnum()) {
            List<String> names = List.of(enumNames(t).split(", "));
            if (!v.isTextual() || !names.contains(v.asText())) {
                problems.add(new PipelineProblem(path, v.toString(), "allowed: " + String.join(", ", names)
                        + (v.isTextual() ? suggestion(v.asText(), names) : "")));
            }
        } else if (List.class.isAssignableFrom(t)) {
            if (!v.isArray()) {
                expected = "a list";
            } else {
                for (int i = 0; i < v.size(); i++) {
                    shape(v.get(i), argument(type, 0), path + "[" + i + "]", problems);
                }
            }
        } else if (Map.class.isAssignableFrom(t)) {
            if (!v.isObject()) {
                expected = "an object";
            } else {
                v.fields().forEachRemaining(e -> shape(e.getValue(), argument(type, 1), path + "." + e.getKey(),
                        problems));
            }
        } else if (t == ParamSpace.class) {
            space(v, path, problems);
        } else if (t.isRecord()) {
            if (!v.isObject()) {
                expected = "an object with " + Pipeline.names(t.asSubclass(Record.class));
            } else {
                RecordComponent[] components = t.getRecordComponents();
                List<String> known = new ArrayList<>();
                for (RecordComponent c : components) {
                    known.add(c.getName());
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    int i = known.indexOf(e.getKey());
                    if (i < 0) {
                        problems.add(new PipelineProblem(path + "." + e.getKey(), e.getValue().toString(),
                                "unknown key; allowed: " + String.join(", ", known) + suggestion(e.getKey(), known)));
                    } else {
                        shape(e.getValue(), components[i].getGenericType(), path + "." + e.getKey(), problems);
                    }
                }
            }
        }
        if (expected != null) {
            problems.add(new PipelineProblem(path, v.toString(), "expected " + expected));
        }
    }

    /** A search space: per setting, {values: [...]} or {kind: uniform|logUniform|intRange, lo, hi}. */
    private static void space(JsonNode v, String path, List<PipelineProblem> problems) {
        if (!v.isObject()) {
            problems.add(new PipelineProblem(path, v.toString(), "expected an object of settings, such as"
                    + " {maxDepth: {values: [2, 4]}, eta: {kind: logUniform, lo: 0.01, hi: 0.3}}"));
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String at = path + "." + e.getKey();
            JsonNode d = e.getValue();
            if (!d.isObject()) {
                problems.add(new PipelineProblem(at, d.toString(), "expected {values: [...]} or {kind: uniform,"
                        + " lo: ..., hi: ...}"));
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> f = d.fields(); f.hasNext(); ) {
                Map.Entry<String, JsonNode> k = f.next();
                String where = at + "." + k.getKey();
                JsonNode x = k.getValue();
                if (!DIMENSION_KEYS.contains(k.getKey())) {
                    problems.add(new PipelineProblem(where, x.toString(), "unknown key; allowed: "
                            + String.join(", ", DIMENSION_KEYS) + suggestion(k.getKey(), DIMENSION_KEYS)));
                } else if (k.getKey().equals("kind") && !(x.isTextual() && DIMENSION_KINDS.contains(x.asText()))) {
                    problems.add(new PipelineProblem(where, x.toString(), "allowed: " + String.join(", ",
                            DIMENSION_KINDS) + (x.isTextual() ? suggestion(x.asText(), DIMENSION_KINDS) : "")));
                } else if (k.getKey().equals("values") && !x.isArray()) {
                    problems.add(new PipelineProblem(where, x.toString(), "expected a list, such as [2, 4]"));
                } else if ((k.getKey().equals("lo") || k.getKey().equals("hi")) && !x.isNull() && !x.isNumber()) {
                    problems.add(new PipelineProblem(where, x.toString(), "expected a number"));
                }
            }
        }
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    private static Type argument(Type type, int index) {
        return type instanceof ParameterizedType p && p.getActualTypeArguments().length > index
                ? p.getActualTypeArguments()[index] : Object.class;
    }

    /** Completes the trainer's settings from its algorithm's defaults, and checks them with the record itself. */
    private static void trainer(JsonNode root, List<PipelineProblem> problems) {
        JsonNode trainer = root.get("trainer");
        Map<String, Class<?>> algorithms = Pipeline.algorithms();
        if (trainer == null || trainer.isNull()) {
            problems.add(new PipelineProblem("trainer", null, "required: the training algorithm, such as"
                    + " {algorithm: xgboost-classifier}; algorithms: " + String.join(", ", algorithms.keySet())));
            return;
        }
        if (!object(trainer, "trainer", problems)) {
            return;
        }
        String algorithm = text(trainer, "algorithm");
        if (algorithm == null || !algorithms.containsKey(algorithm)) {
            problems.add(new PipelineProblem("trainer.algorithm", algorithm, (algorithm == null ? "required; "
                    : "unknown; ") + "allowed: " + String.join(", ", algorithms.keySet())
                    + (algorithm == null ? "" : suggestion(algorithm, algorithms.keySet()))));
            return;
        }
        Class<?> type = algorithms.get(algorithm);
        ObjectNode full;
        try {
            Object defaults = type.getMethod("defaults").invoke(null);
            full = Json.mapper().valueToTree(defaults);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("TrainerSettings." + type.getSimpleName() + " has no defaults()", e);
        }
        List<String> known = new ArrayList<>();
        full.fieldNames().forEachRemaining(known::add);
        if (!known.contains("algorithm")) {
            known.add("algorithm");
        }
        int before = problems.size();
        for (Iterator<Map.Entry<String, JsonNode>> it = trainer.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!known.contains(e.getKey())) {
                problems.add(new PipelineProblem("trainer." + e.getKey(), e.getValue().toString(),
                        "not a setting of " + algorithm + "; settings: " + String.join(", ", known)
                                + suggestion(e.getKey(), known)));
            } else if (!e.getKey().equals("algorithm") && full.get(e.getKey()).isNumber()
                    && !e.getValue().isNumber()) {
                problems.add(new PipelineProblem("trainer." + e.getKey(), e.getValue().toString(),
                        "expected a number (default " + full.get(e.getKey()) + ")"));
            } else {
                full.set(e.getKey(), e.getValue());
            }
        }
        if (problems.size() > before) {
            return;
        }
        full.put("algorithm", algorithm);
        try {
            Json.mapper().treeToValue(full, TrainerSettings.class);
            ((ObjectNode) root).set("trainer", full);
        } catch (Exception e) {
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof IllegalArgumentException)) {
                cause = cause.getCause();
            }
            if (cause instanceof InvocationTargetException ite && ite.getCause() != null) {
                cause = ite.getCause();
            }
            String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
            String path = "trainer";
            String value = null;
            for (String k : known) {
                if (trainer.has(k) && !k.equals("algorithm") && message.contains(k)) {
                    path = "trainer." + k;
                    value = trainer.get(k).toString();
                    break;
                }
            }
            problems.add(new PipelineProblem(path, value, message));
        }
    }

    private static boolean object(JsonNode node, String path, List<PipelineProblem> problems) {
        if (!node.isObject()) {
            problems.add(new PipelineProblem(path, node.toString(), "expected an object"));
            return false;
        }
        return true;
    }

    private static void required(JsonNode node, String parent, String key, String what,
                                 List<PipelineProblem> problems) {
        if (text(node, key) == null) {
            problems.add(new PipelineProblem(parent + "." + key, null, "required: " + what));
        }
    }

    private static String text(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() || !v.isValueNode() ? null : v.asText();
    }

    /** Unknown keys of one object, against the components of the record it binds to, and the kind of each value. */
    private static void keys(JsonNode node, Class<? extends Record> type, String path,
                             List<PipelineProblem> problems) {
        List<String> known = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            known.add(c.getName());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String at = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            int i = known.indexOf(e.getKey());
            if (i < 0) {
                problems.add(new PipelineProblem(at, e.getValue().toString(), "unknown key; allowed: "
                        + String.join(", ", known) + suggestion(e.getKey(), known)));
                continue;
            }
            Class<?> t = type.getRecordComponents()[i].getType();
            JsonNode v = e.getValue();
            if (v.isNull()) {
                continue;
            }
            String expected = t == String.class && !v.isTextual() ? "a string"
                    : t == Double.class && !v.isNumber() ? "a number"
                    : t == Long.class && !v.canConvertToLong() ? "a whole number"
                    : t == Boolean.class && !v.isBoolean() ? "true or false" : null;
            if (t == Long.class && v.isNumber() && !v.isIntegralNumber()) {
                expected = "a whole number";
            }
            if (expected != null) {
                problems.add(new PipelineProblem(at, v.toString(), "expected " + expected));
            }
        }
    }

    /** ", did you mean 'x'?" for the closest known name within a small edit distance, else "". */
    static String suggestion(String given, Iterable<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(given.toLowerCase(java.util.Locale.ROOT), k.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        if (best != null && bestDistance <= Math.max(2, given.length() / 3)) {
            return "; did you mean '" + best + "'?";
        }
        String lower = given.toLowerCase(java.util.Locale.ROOT);
        for (String k : known) {
            if (lower.length() >= 4 && k.toLowerCase(java.util.Locale.ROOT).startsWith(lower)) {
                return "; did you mean '" + k + "'?";
            }
        }
        return "";
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
