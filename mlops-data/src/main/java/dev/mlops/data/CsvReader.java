package dev.mlops.data;

import dev.mlops.api.DataException;
import dev.mlops.api.FieldType;
import dev.mlops.api.RejectReason;
import dev.mlops.api.Schema;
import dev.mlops.data.internal.Columns;
import dev.mlops.data.internal.Inputs;
import dev.mlops.data.internal.ReportingReader;
import dev.mlops.data.internal.RowBatches;
import dev.mlops.data.internal.TypeInference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Reads CSV with Commons CSV into batches: header, sample and inference first, then row by row. */
final class CsvReader extends RowBatches {
    private final CsvOptions options;
    private final ReportingReader reader;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final Set<String> missingTokens;
    private final int longestToken;
    private final boolean emptyIsMissing;
    private final ArrayDeque<CSVRecord> sample = new ArrayDeque<>();
    private final ArrayDeque<Long> sampleLines = new ArrayDeque<>();
    private DataException deferredMalformed;
    private long deferredLine;
    private boolean stopped;
    private long encodingErrorsSeen;

    CsvReader(String name, Inputs.ByteSource input, CsvOptions options, int batchSize) {
        super(name, options.badRowPolicy(), options.rejectionSampleSize(), batchSize);
        this.options = options;
        this.missingTokens = new HashSet<>(options.missingTokens());
        this.emptyIsMissing = missingTokens.contains("");
        this.longestToken = options.missingTokens().stream().mapToInt(String::length).max().orElse(0);
        this.reader = Inputs.openText(input, name, options.charset(), report);
        try {
            this.parser = CSVParser.builder().setReader(reader).setFormat(format(options)).get();
            this.records = parser.iterator();
            begin();
        } catch (IOException e) {
            Inputs.closeQuietly(reader);
            throw new DataException("Cannot read " + name + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            Inputs.closeQuietly(reader);
            throw e;
        }
    }

    static CSVFormat format(CsvOptions options) {
        return CSVFormat.Builder.create()
                .setDelimiter(options.delimiter())
                .setQuote(options.quote())
                .setEscape(options.escape())
                .setIgnoreEmptyLines(true)
                .setRecordSeparator("\n")
                .get();
    }

    /** Reads the header and the sample, infers the types and fixes the schema. */
    private void begin() {
        CSVRecord first = nextRecord();
        if (first == null) {
            if (deferredMalformed != null) {
                throw deferredMalformed;
            }
            throw new DataException("Empty input", source, 1, null, null,
                    options.header() ? "a header line naming the columns" : "at least one line of data",
                    "Check that the file was written completely.", null);
        }
        List<String> rawNames;
        if (options.header()) {
            rawNames = first.toList();
        } else {
            rawNames = new ArrayList<>();
            for (int i = 1; i <= first.size(); i++) {
                rawNames.add("column_" + i);
            }
            sample.add(first);
            sampleLines.add(1L);
        }
        if (options.header()) {
            for (String n : rawNames) {
                encodingErrorsSeen += count(n);
            }
            if (encodingErrorsSeen > 0) {
                report.note("the header holds bytes that are not valid " + options.encoding()
                        + "; they show as U+FFFD in the column names");
            }
        }
        List<String> names = Columns.uniqueNames(rawNames, report);
        while (sample.size() < options.sampleRows() && deferredMalformed == null) {
            long line = parser.getCurrentLineNumber() + 1;
            CSVRecord r = nextRecord();
            if (r == null) {
                break;
            }
            sample.add(r);
            sampleLines.add(line);
        }
        List<FieldType> inferred = infer(names.size());
        if (sample.isEmpty() && deferredMalformed == null) {
            report.note("no data rows: the columns are typed TEXT unless the options set their types");
        }
        Schema schema = Columns.schema(names, inferred, options.types(), options.roles(), sample.size(), source,
                report);
        start(schema, Columns.hints(names, options.types(), options.sampleRows()));
    }

    private List<FieldType> infer(int columns) {
        TypeInference[] inference = new TypeInference[columns];
        for (int i = 0; i < columns; i++) {
            inference[i] = new TypeInference(options.categoricalMaxDistinct());
        }
        boolean checkEncoding = reader.malformedCount() > 0;
        for (CSVRecord r : sample) {
            if (r.size() != columns || checkEncoding && hasReplacement(r)) {
                continue; // rejected when replayed
            }
            for (int i = 0; i < columns; i++) {
                String v = r.get(i);
                if (!isMissing(v)) {
                    inference[i].observe(v);
                }
            }
        }
        List<FieldType> out = new ArrayList<>(columns);
        for (TypeInference t : inference) {
            out.add(t.type());
        }
        return out;
    }

    private static boolean hasReplacement(CSVRecord r) {
        for (int i = 0; i < r.size(); i++) {
            if (r.get(i).indexOf(ReportingReader.REPLACEMENT) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** The next record, or null at the end; a parse failure is kept to be reported in its turn. */
    private CSVRecord nextRecord() {
        if (stopped || deferredMalformed != null) {
            return null;
        }
        long line = parser.getCurrentLineNumber() + 1;
        try {
            if (!records.hasNext()) {
                return null;
            }
            return records.next();
        } catch (UncheckedIOException | IllegalStateException e) {
            deferredLine = line;
            String message = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage()
                    : e.getMessage();
            deferredMalformed = new DataException("Malformed CSV (" + message + ")", source, line, null, null,
                    "a well-formed record: quotes closed, nothing between a closing quote and the delimiter",
                    "Fix the quoting at that line; reading cannot continue past it.", e);
            return null;
        }
    }

    boolean isMissing(String raw) {
        int len = raw.length();
        if (len == 0) {
            return emptyIsMissing;
        }
        return len <= longestToken && missingTokens.contains(raw);
    }

    @Override
    protected boolean readRow() {
        CSVRecord r;
        long line;
        if (!sample.isEmpty()) {
            r = sample.poll();
            line = sampleLines.poll();
        } else {
            if (stopped) {
                return false;
            }
            line = parser.getCurrentLineNumber() + 1;
            r = nextRecord();
            if (r == null) {
                if (deferredMalformed != null) {
                    return malformed();
                }
                return false;
            }
        }
        process(r, line);
        return true;
    }

    /** Counts the record that could not be parsed and stops: the parser cannot find the next record after it. */
    private boolean malformed() {
        stopped = true;
        DataException e = deferredMalformed;
        if (policy == dev.mlops.api.BadRowPolicy.FAIL_FAST) {
            throw e;
        }
        report.reject(deferredLine, null, "", RejectReason.MALFORMED, e.getMessage());
        report.note("reading stopped at line " + deferredLine + " after malformed CSV; any text after it was not"
                + " read");
        return true;
    }

    private void process(CSVRecord r, long line) {
        int columns = columnCount();
        if (r.size() != columns) {
            reject(line, null, String.join(String.valueOf(options.delimiter()), r.toList()), RejectReason.RAGGED_ROW,
                    "Ragged row with " + r.size() + " values", columns + " values, one per column",
                    r.size() > columns ? "Quote values that contain the delimiter, or fix the row."
                            : "Fill in the missing values (an empty value is allowed), or fix the row.");
            return;
        }
        if (reader.malformedCount() > encodingErrorsSeen) {
            for (int i = 0; i < columns; i++) {
                String v = r.get(i);
                int bad = count(v);
                if (bad > 0) {
                    encodingErrorsSeen += bad;
                    reject(line, cells(i).field().name(), v, RejectReason.INVALID_ENCODING,
                            "Invalid byte sequence for " + options.encoding(), "text in " + options.encoding()
                                    + " (the bad bytes are shown as U+FFFD)",
                            "Check the file's encoding and set it with encoding(...).");
                    return;
                }
            }
        }
        for (int i = 0; i < columns; i++) {
            String v = r.get(i);
            if (isMissing(v)) {
                if (!stageMissing(i, line)) {
                    return;
                }
            } else if (!stageText(i, v, line)) {
                return;
            }
        }
        commitRow();
    }

    private static int count(String v) {
        int n = 0;
        for (int i = v.indexOf(ReportingReader.REPLACEMENT); i >= 0; i = v.indexOf(ReportingReader.REPLACEMENT, i + 1)) {
            n++;
        }
        return n;
    }

    @Override
    protected void closeInput() throws IOException {
        parser.close();
    }
}
