package dev.mlops.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.mlops.api.DataException;
import dev.mlops.api.FieldType;
import dev.mlops.api.RejectReason;
import dev.mlops.api.Schema;
import dev.mlops.data.internal.Columns;
import dev.mlops.data.internal.Inputs;
import dev.mlops.data.internal.ReportingReader;
import dev.mlops.data.internal.RowBatches;
import dev.mlops.data.internal.TypeInference;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads JSON Lines with Jackson's streaming parser (no data binding): sample and inference, then line by line. */
final class JsonLinesReader extends RowBatches {
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final int MAX_UNKNOWN_KEY_NOTES = 20;

    private final JsonLinesOptions options;
    private final ReportingReader decoder;
    private final BufferedReader lines;
    private final ArrayDeque<String> sample = new ArrayDeque<>();
    private final ArrayDeque<Long> sampleLines = new ArrayDeque<>();
    private final Map<String, Integer> index = new HashMap<>();
    private final Set<String> unknownKeys = new HashSet<>();
    private long lineNumber;
    private long encodingErrorsSeen;
    private int[] stamps;
    private int stamp;

    /** Receives the scalar values of one line, by flattened name. */
    private interface ValueSink {
        /** @return false when the line was rejected */
        boolean value(String name, String text, JsonToken kind);
    }

    JsonLinesReader(String name, Inputs.ByteSource input, JsonLinesOptions options, int batchSize) {
        super(name, options.ingest().badRowPolicy(), options.ingest().rejectionSampleSize(), batchSize);
        this.options = options;
        this.decoder = Inputs.openText(input, name, options.charset(), report);
        this.lines = new BufferedReader(decoder, 1 << 16);
        try {
            begin();
        } catch (RuntimeException e) {
            Inputs.closeQuietly(lines);
            throw e;
        }
    }

    private void begin() {
        Map<String, TypeInference> seen = new LinkedHashMap<>();
        Set<String> arrays = new HashSet<>();
        while (sample.size() < options.ingest().sampleRows()) {
            String line = nextLine();
            if (line == null) {
                break;
            }
            sample.add(line);
            sampleLines.add(lineNumber);
            if (decoder.malformedCount() > 0 && line.indexOf(ReportingReader.REPLACEMENT) >= 0) {
                continue;
            }
            Map<String, String[]> values = new LinkedHashMap<>();
            boolean ok = parse(line, lineNumber, true, (n, text, kind) -> {
                values.put(n, new String[] {text, kind.name()});
                return true;
            });
            if (!ok) {
                continue;
            }
            values.forEach((n, v) -> {
                TypeInference t = seen.computeIfAbsent(n, k -> new TypeInference(options.ingest().categoricalMaxDistinct()));
                JsonToken kind = JsonToken.valueOf(v[1]);
                if (kind == JsonToken.START_ARRAY) {
                    arrays.add(n);
                    t.observeString(v[0]);
                } else if (kind == JsonToken.VALUE_STRING) {
                    t.observeString(v[0]);
                } else if (kind != JsonToken.VALUE_NULL) {
                    t.observeScalar(v[0]);
                }
            });
        }
        if (lineNumber == 0) {
            throw new DataException("Empty input", source, 1, null, null, "one JSON object per line",
                    "Check that the file was written completely.", null);
        }
        List<String> names = new ArrayList<>(seen.keySet());
        for (String n : options.ingest().types().keySet()) {
            if (!seen.containsKey(n)) {
                names.add(n);
                report.note("column '" + n + "' is not in the sample; added because the options set its type");
            }
        }
        List<FieldType> inferred = new ArrayList<>(names.size());
        for (String n : names) {
            TypeInference t = seen.get(n);
            inferred.add(t == null || arrays.contains(n) ? FieldType.TEXT : t.type());
        }
        if (names.isEmpty()) {
            report.note("no keys in the sample: the frame has no columns");
        }
        Schema schema = Columns.schema(names, inferred, options.ingest().types(), options.ingest().roles(), sample.size(), source,
                report);
        for (int i = 0; i < names.size(); i++) {
            index.put(names.get(i), i);
        }
        stamps = new int[names.size()];
        start(schema, Columns.hints(names, options.ingest().types(), options.ingest().sampleRows()));
    }

    /** The next line that is not blank, or null at the end. */
    private String nextLine() {
        try {
            while (true) {
                String line = lines.readLine();
                if (line == null) {
                    return null;
                }
                lineNumber++;
                if (!line.isBlank()) {
                    return line;
                }
                report.note("blank lines are skipped (the first at line " + lineNumber + ")");
            }
        } catch (IOException e) {
            throw new DataException("Cannot read " + source + " after line " + lineNumber + ": " + e.getMessage(), e);
        }
    }

    @Override
    protected boolean readRow() {
        String line;
        long number;
        if (!sample.isEmpty()) {
            line = sample.poll();
            number = sampleLines.poll();
        } else {
            line = nextLine();
            if (line == null) {
                return false;
            }
            number = lineNumber;
        }
        if (decoder.malformedCount() > encodingErrorsSeen) {
            int bad = 0;
            for (int i = line.indexOf(ReportingReader.REPLACEMENT); i >= 0;
                    i = line.indexOf(ReportingReader.REPLACEMENT, i + 1)) {
                bad++;
            }
            if (bad > 0) {
                encodingErrorsSeen += bad;
                reject(number, null, line, RejectReason.INVALID_ENCODING, "Invalid byte sequence for "
                        + options.encoding(), "text in " + options.encoding() + " (the bad bytes are shown as U+FFFD)",
                        "Check the file's encoding and set it with encoding(...).");
                return true;
            }
        }
        stamp++;
        if (!parse(line, number, false, (n, text, kind) -> stage(n, text, kind, number))) {
            return true;
        }
        for (int i = 0; i < stamps.length; i++) {
            if (stamps[i] != stamp && !stageMissing(i, number)) {
                return true;
            }
        }
        commitRow();
        return true;
    }

    private boolean stage(String name, String text, JsonToken kind, long line) {
        Integer i = index.get(name);
        if (i == null) {
            if (unknownKeys.size() < MAX_UNKNOWN_KEY_NOTES && unknownKeys.add(name)) {
                report.note("key '" + name + "' first seen at line " + line + ", after the sample: its values are"
                        + " not read (name it in types(...) or raise sampleRows)");
            }
            return true;
        }
        if (stamps[i] == stamp) {
            reject(line, name, text, RejectReason.MALFORMED, "Duplicate key after flattening",
                    "each (dotted) name once per line", null);
            return false;
        }
        stamps[i] = stamp;
        if (kind == JsonToken.VALUE_NULL) {
            return stageMissing(i, line);
        }
        return stageText(i, text, line);
    }

    /** Parses one line, passing every scalar to the sink; false when the line was rejected. */
    private boolean parse(String line, long number, boolean quiet, ValueSink sink) {
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                if (!quiet) {
                    reject(number, null, line, RejectReason.MALFORMED, "Not a JSON object", "one JSON object per"
                            + " line, such as {\"a\": 1}", null);
                }
                return false;
            }
            if (!walk(p, line, "", number, quiet, sink)) {
                return false;
            }
            if (p.nextToken() != null) {
                if (!quiet) {
                    reject(number, null, line, RejectReason.MALFORMED, "Text after the JSON object",
                            "one JSON object per line", null);
                }
                return false;
            }
            return true;
        } catch (JsonProcessingException e) {
            if (!quiet) {
                reject(number, null, line, RejectReason.MALFORMED, "Broken JSON (" + e.getOriginalMessage() + ")",
                        "one complete JSON object per line", null);
            }
            return false;
        } catch (IOException e) {
            throw new DataException("Cannot parse " + source + " at line " + number + ": " + e.getMessage(), e);
        }
    }

    private boolean walk(JsonParser p, String line, String prefix, long number, boolean quiet, ValueSink sink)
            throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = prefix.isEmpty() ? p.currentName() : prefix + p.currentName();
            JsonToken v = p.nextToken();
            switch (v) {
                case START_OBJECT -> {
                    if (options.objects() == JsonLinesOptions.ObjectHandling.REJECT) {
                        return nested(p, line, name, number, quiet, "a scalar value (nested objects are rejected by"
                                + " the options; choose ObjectHandling.FLATTEN to read them as dotted columns)");
                    }
                    if (!walk(p, line, name + ".", number, quiet, sink)) {
                        return false;
                    }
                }
                case START_ARRAY -> {
                    if (options.arrays() == JsonLinesOptions.ArrayHandling.REJECT) {
                        return nested(p, line, name, number, quiet, "a scalar value (arrays are rejected by the"
                                + " options; choose ArrayHandling.AS_TEXT to keep them as text)");
                    }
                    int from = (int) p.currentTokenLocation().getCharOffset();
                    p.skipChildren();
                    int to = (int) p.currentLocation().getCharOffset();
                    if (!sink.value(name, line.substring(from, to), JsonToken.START_ARRAY)) {
                        return false;
                    }
                }
                case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> {
                    if (!sink.value(name, v == JsonToken.VALUE_NULL ? null : p.getText(), v)) {
                        return false;
                    }
                }
                default -> throw new IllegalStateException("Unexpected JSON token " + v);
            }
        }
        if (t != JsonToken.END_OBJECT) {
            throw new IllegalStateException("Unexpected JSON token " + t);
        }
        return true;
    }

    private boolean nested(JsonParser p, String line, String name, long number, boolean quiet, String expected)
            throws IOException {
        if (!quiet) {
            int from = (int) p.currentTokenLocation().getCharOffset();
            p.skipChildren();
            int to = (int) p.currentLocation().getCharOffset();
            reject(number, name, line.substring(from, Math.max(from, to)), RejectReason.NESTED_VALUE, "Nested value",
                    expected, null);
        }
        return false;
    }

    @Override
    protected void closeInput() throws IOException {
        lines.close();
    }
}
