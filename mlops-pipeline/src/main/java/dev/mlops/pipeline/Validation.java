package dev.mlops.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.Json;
import dev.mlops.train.TrainerSettings;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a pipeline file's tree as a whole before it is bound: unknown keys (with "did you mean"), wrong kinds of
 * value, missing or contradictory settings, and the trainer's settings through its own record's checks. Collects
 * every problem instead of stopping at the first.
 */
final class Validation {
    private static final Set<String> SOURCE_TYPES = Set.of("csv", "jsonLines", "jdbc");

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
        return best != null && bestDistance <= Math.max(2, given.length() / 3) ? "; did you mean '" + best + "'?"
                : "";
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
