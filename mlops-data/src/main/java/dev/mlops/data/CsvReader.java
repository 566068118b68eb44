package dev.mlops.data;

import dev.mlops.api.BadRowPolicy;
import dev.mlops.api.DataException;
import dev.mlops.api.FieldType;
import dev.mlops.api.RejectReason;
import dev.mlops.api.Schema;
import dev.mlops.data.internal.Columns;
import dev.mlops.data.internal.Inputs;
import dev.mlops.data.internal.PlainCsvScanner;
import dev.mlops.data.internal.ReportingReader;
import dev.mlops.data.internal.RowBatches;
import dev.mlops.data.internal.TypeInference;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads CSV into batches: header, sample and inference first, then row by row. Plain records go through the
 * {@link PlainCsvScanner} (parsed in place, no string per numeric cell); from the first record with a quote on, or
 * for dialects with an escape character, Commons CSV reads.
 */
final class CsvReader extends RowBatches {
    private final CsvOptions options;
    private final ReportingReader reader;
    private final String[] missingTokens;
    private final int longestToken;
    private final boolean emptyIsMissing;
    private final ArrayDeque<String[]> sample = new ArrayDeque<>();
    private final ArrayDeque<Long> sampleLines = new ArrayDeque<>();
    private PlainCsvScanner scanner;
    private CSVParser parser;
    private Iterator<CSVRecord> records;
    private long lineOffset;
    private long lastLine;
    private DataException deferredMalformed;
    private long deferredLine;
    private boolean stopped;
    private long encodingErrorsSeen;

    CsvReader(String name, Inputs.ByteSource input, CsvOptions options, int batchSize) {
        super(name, options.ingest().badRowPolicy(), options.ingest().rejectionSampleSize(), batchSize);
        this.options = options;
        List<String> tokens = new ArrayList<>(options.missingTokens());
        this.emptyIsMissing = tokens.remove("");
        this.missingTokens = tokens.toArray(String[]::new);
        this.longestToken = tokens.stream().mapToInt(String::length).max().orElse(0);
        this.reader = Inputs.openText(input, name, options.charset(), report);
        try {
            if (options.fastPath() && options.escape() == null) {
                scanner = new PlainCsvScanner(reader, options.delimiter(),
                        options.quote() == null ? -1 : options.quote());
            } else {
                startCommons(reader, 0);
            }
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

    private void startCommons(Reader in, long linesBefore) throws IOException {
        parser = CSVParser.builder().setReader(in).setFormat(format(options)).get();
        records = parser.iterator();
        lineOffset = linesBefore;
        scanner = null;
    }

    /** Reads the header and the sample, infers the types and fixes the schema. */
    private void begin() throws IOException {
        String[] first = nextStrings();
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
            rawNames = List.of(first);
            for (String n : rawNames) {
                encodingErrorsSeen += count(n);
            }
            if (encodingErrorsSeen > 0) {
                report.note("the header holds bytes that are not valid " + options.encoding()
                        + "; they show as U+FFFD in the column names");
            }
        } else {
            rawNames = new ArrayList<>();
            for (int i = 1; i <= first.length; i++) {
                rawNames.add("column_" + i);
            }
            sample.add(first);
            sampleLines.add(lastLine);
        }
        List<String> names = Columns.uniqueNames(rawNames, report);
        while (sample.size() < options.ingest().sampleRows()) {
            String[] r = nextStrings();
            if (r == null) {
                break;
            }
            sample.add(r);
            sampleLines.add(lastLine);
        }
        List<FieldType> inferred = infer(names.size());
        if (sample.isEmpty() && deferredMalformed == null) {
            report.note("no data rows: the columns are typed TEXT unless the options set their types");
        }
        Schema schema = Columns.schema(names, inferred, options.ingest().types(), options.ingest().roles(), sample.size(), source,
                report);
        start(schema, Columns.hints(names, options.ingest().types(), options.ingest().sampleRows()));
    }

    private List<FieldType> infer(int columns) {
        TypeInference[] inference = new TypeInference[columns];
        for (int i = 0; i < columns; i++) {
            inference[i] = new TypeInference(options.ingest().categoricalMaxDistinct());
        }
        boolean checkEncoding = reader.malformedCount() > 0;
        for (String[] r : sample) {
            if (r.length != columns || checkEncoding && hasReplacement(r)) {
                continue; // rejected when replayed
            }
            for (int i = 0; i < columns; i++) {
                if (!isMissing(r[i])) {
                    inference[i].observe(r[i]);
                }
            }
        }
        List<FieldType> out = new ArrayList<>(columns);
        for (TypeInference t : inference) {
            out.add(t.type());
        }
        return out;
    }

    private static boolean hasReplacement(String[] r) {
        for (String v : r) {
            if (v.indexOf(ReportingReader.REPLACEMENT) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** The next record as strings (its line in {@link #lastLine}), or null at the end or at a parse failure. */
    private String[] nextStrings() throws IOException {
        if (stopped || deferredMalformed != null) {
            return null;
        }
        if (scanner != null) {
            int r = scanner.next();
            if (r == PlainCsvScanner.RECORD) {
                lastLine = scanner.line();
                return scanner.fields();
            }
            if (r == PlainCsvScanner.END) {
                return null;
            }
            startCommons(scanner.rest(), scanner.linesConsumed());
        }
        CSVRecord rec = nextRecord();
        return rec == null ? null : rec.values();
    }

    /** The next Commons CSV record, or null at the end; a parse failure is kept to be reported in its turn. */
    private CSVRecord nextRecord() {
        if (stopped || deferredMalformed != null) {
            return null;
        }
        long line = lineOffset + parser.getCurrentLineNumber() + 1;
        try {
            if (!records.hasNext()) {
                return null;
            }
            lastLine = line;
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

    private boolean isMissing(String raw) {
        int len = raw.length();
        if (len == 0) {
            return emptyIsMissing;
        }
        if (len > longestToken) {
            return false;
        }
        for (String t : missingTokens) {
            if (t.equals(raw)) {
                return true;
            }
        }
        return false;
    }

    private boolean isMissing(char[] buf, int from, int to) {
        int len = to - from;
        if (len == 0) {
            return emptyIsMissing;
        }
        if (len > longestToken) {
            return false;
        }
        for (String t : missingTokens) {
            if (t.length() == len) {
                int k = 0;
                while (k < len && t.charAt(k) == buf[from + k]) {
                    k++;
                }
                if (k == len) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    protected boolean readRow() {
        if (!sample.isEmpty()) {
            processStrings(sample.poll(), sampleLines.poll());
            return true;
        }
        if (stopped) {
            return false;
        }
        try {
            if (scanner != null) {
                int r = scanner.next();
                if (r == PlainCsvScanner.RECORD) {
                    processScanned();
                    return true;
                }
                if (r == PlainCsvScanner.END) {
                    return false;
                }
                startCommons(scanner.rest(), scanner.linesConsumed());
            }
        } catch (IOException e) {
            throw new DataException("Cannot read " + source + ": " + e.getMessage(), e);
        }
        CSVRecord r = nextRecord();
        if (r == null) {
            return deferredMalformed != null && malformed();
        }
        processStrings(r.values(), lastLine);
        return true;
    }

    /** Counts the record that could not be parsed and stops: the parser cannot find the next record after it. */
    private boolean malformed() {
        stopped = true;
        DataException e = deferredMalformed;
        if (policy == BadRowPolicy.FAIL_FAST) {
            throw e;
        }
        report.reject(deferredLine, null, "", RejectReason.MALFORMED, e.getMessage());
        report.note("reading stopped at line " + deferredLine + " after malformed CSV; any text after it was not"
                + " read");
        return true;
    }

    private void ragged(String[] values, long line) {
        int columns = columnCount();
        reject(line, null, String.join(String.valueOf(options.delimiter()), values), RejectReason.RAGGED_ROW,
                "Ragged row with " + values.length + " values", columns + " values, one per column",
                values.length > columns ? "Quote values that contain the delimiter, or fix the row."
                        : "Fill in the missing values (an empty value is allowed), or fix the row.");
    }

    private void badEncoding(String column, String value, long line) {
        reject(line, column, value, RejectReason.INVALID_ENCODING, "Invalid byte sequence for " + options.encoding(),
                "text in " + options.encoding() + " (the bad bytes are shown as U+FFFD)",
                "Check the file's encoding and set it with encoding(...).");
    }

    private void processStrings(String[] values, long line) {
        int columns = columnCount();
        if (values.length != columns) {
            ragged(values, line);
            return;
        }
        if (reader.malformedCount() > encodingErrorsSeen) {
            for (int i = 0; i < columns; i++) {
                int bad = count(values[i]);
                if (bad > 0) {
                    encodingErrorsSeen += bad;
                    badEncoding(cells(i).field().name(), values[i], line);
                    return;
                }
            }
        }
        for (int i = 0; i < columns; i++) {
            String v = values[i];
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

    private void processScanned() {
        PlainCsvScanner s = scanner;
        long line = s.line();
        int columns = columnCount();
        if (s.fieldCount() != columns) {
            ragged(s.fields(), line);
            return;
        }
        char[] buf = s.buffer();
        int[] starts = s.starts;
        int[] ends = s.ends;
        if (reader.malformedCount() > encodingErrorsSeen) {
            for (int i = 0; i < columns; i++) {
                int bad = 0;
                for (int k = starts[i]; k < ends[i]; k++) {
                    if (buf[k] == ReportingReader.REPLACEMENT) {
                        bad++;
                    }
                }
                if (bad > 0) {
                    encodingErrorsSeen += bad;
                    badEncoding(cells(i).field().name(), s.field(i), line);
                    return;
                }
            }
        }
        for (int i = 0; i < columns; i++) {
            int from = starts[i];
            int to = ends[i];
            if (isMissing(buf, from, to)) {
                if (!stageMissing(i, line)) {
                    return;
                }
            } else if (!stageChars(i, buf, from, to, line)) {
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
        if (parser != null) {
            parser.close();
        }
        reader.close();
    }
}
