package dev.mlops.data.internal;

import java.io.CharArrayReader;
import java.io.IOException;
import java.io.Reader;

/**
 * The fast path for plain CSV: splits records at the delimiter and line breaks straight in a {@code char[]}
 * buffer, leaving each field's bounds in {@link #starts} and {@link #ends}. It handles no quoting: at the first
 * record that holds the quote character it stops ({@link #QUOTED}) and {@link #rest()} hands that record and
 * everything after it to a full parser (Commons CSV). Empty lines are skipped, as Commons CSV does with
 * {@code ignoreEmptyLines}; {@code \n}, {@code \r\n} and {@code \r} all end a line.
 *
 * <p>Not thread-safe.
 */
public final class PlainCsvScanner {
    /** No more records. */
    public static final int END = 0;
    /** A record is ready in {@link #buffer()}, {@link #starts}, {@link #ends}. */
    public static final int RECORD = 1;
    /** The next record holds a quote; read it and the rest with {@link #rest()}. */
    public static final int QUOTED = 2;

    private final Reader in;
    private final char delimiter;
    private final int quote;
    private char[] buf = new char[1 << 16];
    private int pos;
    private int limit;
    private boolean eof;
    private boolean skipLf;
    private long linesDone;
    private long line;
    /** Start of each field of the current record in {@link #buffer()}. */
    public int[] starts = new int[32];
    /** End (exclusive) of each field of the current record. */
    public int[] ends = new int[32];
    private int fields;

    /**
     * @param in the decoded text
     * @param delimiter the field separator
     * @param quote the quote character, or -1 for none
     */
    public PlainCsvScanner(Reader in, char delimiter, int quote) {
        this.in = in;
        this.delimiter = delimiter;
        this.quote = quote;
    }

    /** The buffer the current record's fields lie in. */
    public char[] buffer() {
        return buf;
    }

    /** The number of fields of the current record. */
    public int fieldCount() {
        return fields;
    }

    /** The 1-based line the current record starts on. */
    public long line() {
        return line;
    }

    /** The number of line breaks consumed so far (before the record {@link #rest()} starts with). */
    public long linesConsumed() {
        return linesDone;
    }

    /** The field at {@code i} of the current record as a string. */
    public String field(int i) {
        return new String(buf, starts[i], ends[i] - starts[i]);
    }

    /** The fields of the current record as strings. */
    public String[] fields() {
        String[] out = new String[fields];
        for (int i = 0; i < fields; i++) {
            out[i] = field(i);
        }
        return out;
    }

    /** Advances to the next record: {@link #RECORD}, {@link #END} or {@link #QUOTED}. */
    public int next() throws IOException {
        while (true) {
            if (pos >= limit && !fill(pos)) {
                return END;
            }
            char c = buf[pos];
            if (skipLf) {
                skipLf = false;
                if (c == '\n') {
                    pos++;
                    continue;
                }
            }
            if (c == '\n') {
                pos++;
                linesDone++;
                continue;
            }
            if (c == '\r') {
                pos++;
                linesDone++;
                skipLf = true;
                continue;
            }
            return scanRecord();
        }
    }

    private int scanRecord() throws IOException {
        int start = pos;
        int fieldStart = pos;
        fields = 0;
        int i = pos;
        final char d = delimiter;
        final int q = quote;
        while (true) {
            if (i >= limit) {
                int shift = start;
                boolean more = fill(start);
                // fill() moved the record to the front of the buffer
                i -= shift;
                fieldStart -= shift;
                for (int k = 0; k < fields; k++) {
                    starts[k] -= shift;
                    ends[k] -= shift;
                }
                start = 0;
                if (!more) {
                    addField(fieldStart, limit);
                    pos = limit;
                    line = linesDone + 1;
                    return RECORD;
                }
                continue;
            }
            char c = buf[i];
            if (c == d) {
                addField(fieldStart, i);
                fieldStart = i + 1;
            } else if (c == '\n' || c == '\r') {
                addField(fieldStart, i);
                pos = i + 1;
                skipLf = c == '\r';
                line = ++linesDone;
                return RECORD;
            } else if (c == q) {
                pos = start;
                return QUOTED;
            }
            i++;
        }
    }

    private void addField(int from, int to) {
        if (fields == starts.length) {
            starts = java.util.Arrays.copyOf(starts, fields * 2);
            ends = java.util.Arrays.copyOf(ends, fields * 2);
        }
        starts[fields] = from;
        ends[fields] = to;
        fields++;
    }

    /**
     * Moves {@code buf[keepFrom, limit)} to the front (growing the buffer when it is full) and reads more; false at
     * the end of input. The move happens either way, so callers shift their indices by {@code keepFrom}.
     */
    private boolean fill(int keepFrom) throws IOException {
        int kept = limit - keepFrom;
        if (keepFrom > 0) {
            System.arraycopy(buf, keepFrom, buf, 0, kept);
        } else if (kept == buf.length) {
            buf = java.util.Arrays.copyOf(buf, buf.length * 2);
        }
        pos -= keepFrom;
        limit = kept;
        if (eof) {
            return false;
        }
        int n = in.read(buf, limit, buf.length - limit);
        while (n == 0) {
            n = in.read(buf, limit, buf.length - limit);
        }
        if (n < 0) {
            eof = true;
            return false;
        }
        limit += n;
        return true;
    }

    /** The text from the start of the record that {@link #next()} answered {@link #QUOTED} for, to the end. */
    public Reader rest() {
        Reader head = new CharArrayReader(buf, pos, limit - pos);
        return new Reader() {
            private boolean headDone;

            @Override
            public int read(char[] cbuf, int off, int len) throws IOException {
                if (!headDone) {
                    int n = head.read(cbuf, off, len);
                    if (n > 0) {
                        return n;
                    }
                    headDone = true;
                }
                return in.read(cbuf, off, len);
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

}
