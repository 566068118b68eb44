package dev.mlops.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a read did with every row: how many were read, accepted and rejected (always read = accepted + rejected),
 * exact rejection counts by reason and by column, and a bounded sample of the rejected rows.
 *
 * <p>Immutable and safe to share. Serializes to JSON.
 *
 * @param source the file, table or stream read
 * @param rowsRead the data rows seen (a header is not a row)
 * @param rowsAccepted the rows that made it into the frame
 * @param rowsRejected the rows left out
 * @param rejectionsByReason exact counts by reason code
 * @param rejectionsByColumn exact counts by column name ({@code <row>} for row-level problems)
 * @param sample the first rejected rows, at most the builder's sample size
 * @param notes what the reader decided on its own: inferred types, renamed columns, a byte-order mark skipped
 */
public record IngestReport(String source, long rowsRead, long rowsAccepted, long rowsRejected,
        Map<String, Long> rejectionsByReason, Map<String, Long> rejectionsByColumn, List<Rejection> sample,
        List<String> notes) {

    /** The column name used for problems that belong to a whole row. */
    public static final String WHOLE_ROW = "<row>";

    /** Checks the counts add up and copies the collections. */
    public IngestReport {
        Objects.requireNonNull(source, "source");
        if (rowsRead != rowsAccepted + rowsRejected || rowsAccepted < 0 || rowsRejected < 0) {
            throw new IllegalArgumentException("An ingest report must have read = accepted + rejected, got "
                    + rowsRead + " = " + rowsAccepted + " + " + rowsRejected);
        }
        rejectionsByReason = Collections.unmodifiableMap(new LinkedHashMap<>(rejectionsByReason));
        rejectionsByColumn = Collections.unmodifiableMap(new LinkedHashMap<>(rejectionsByColumn));
        sample = List.copyOf(sample);
        notes = List.copyOf(notes);
    }

    /** A report with nothing read. */
    public static IngestReport empty(String source) {
        return newBuilder(source).build();
    }

    /** A builder that keeps the first 100 rejections as a sample. */
    public static Builder newBuilder(String source) {
        return new Builder(source, 100);
    }

    /** A builder that keeps the first {@code sampleSize} rejections as a sample. */
    public static Builder newBuilder(String source, int sampleSize) {
        return new Builder(source, sampleSize);
    }

    /** Whether every row read was accepted. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isClean() {
        return rowsRejected == 0;
    }

    /** A short human summary, several lines when rows were rejected. */
    public String summary() {
        StringBuilder s = new StringBuilder();
        s.append(source).append(": ").append(rowsRead).append(" rows read, ").append(rowsAccepted)
                .append(" accepted, ").append(rowsRejected).append(" rejected");
        if (!rejectionsByReason.isEmpty()) {
            s.append("\n  by reason: ").append(rejectionsByReason);
            s.append("\n  by column: ").append(rejectionsByColumn);
            for (Rejection r : sample.subList(0, Math.min(5, sample.size()))) {
                s.append("\n  ").append(r);
            }
            if (sample.size() > 5) {
                s.append("\n  ... (").append(sample.size() - 5).append(" more in the sample)");
            }
        }
        for (String note : notes) {
            s.append("\n  note: ").append(note);
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return summary();
    }

    /**
     * One rejected row.
     *
     * @param line the 1-based line (or record) number in the source
     * @param column the column that failed, or {@link IngestReport#WHOLE_ROW}
     * @param rawValue the raw text of the value (or the row), abbreviated when long
     * @param reason why
     * @param detail the full explanation, as a failing read would have thrown it
     */
    public record Rejection(long line, String column, String rawValue, RejectReason reason, String detail) {
        @Override
        public String toString() {
            return "line " + line + ", column '" + column + "': " + reason.code() + " '" + rawValue + "' (" + detail
                    + ")";
        }
    }

    /** Counts rows as a read goes. Not thread-safe. */
    public static final class Builder {
        private final String source;
        private final int sampleSize;
        private long accepted;
        private long rejected;
        private final Map<RejectReason, Long> byReason = new EnumMap<>(RejectReason.class);
        private final Map<String, Long> byColumn = new LinkedHashMap<>();
        private final List<Rejection> sample = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();

        Builder(String source, int sampleSize) {
            this.source = Objects.requireNonNull(source, "source");
            if (sampleSize < 0) {
                throw new IllegalArgumentException("sampleSize must be >= 0, got " + sampleSize);
            }
            this.sampleSize = sampleSize;
        }

        /** Counts an accepted row. */
        public Builder accept() {
            accepted++;
            return this;
        }

        /** Counts {@code n} accepted rows. */
        public Builder accept(long n) {
            accepted += n;
            return this;
        }

        /** Counts a rejected row, keeping it in the sample while there is room. */
        public Builder reject(long line, String column, String rawValue, RejectReason reason, String detail) {
            rejected++;
            byReason.merge(reason, 1L, Long::sum);
            String col = column == null ? WHOLE_ROW : column;
            byColumn.merge(col, 1L, Long::sum);
            if (sample.size() < sampleSize) {
                String raw = rawValue == null ? "" : DataException.abbreviate(rawValue);
                sample.add(new Rejection(line, col, raw, reason, detail));
            }
            return this;
        }

        /** Records a decision the reader made on its own (at most once per distinct text). */
        public Builder note(String note) {
            if (!notes.contains(note)) {
                notes.add(note);
            }
            return this;
        }

        /** Rows accepted so far. */
        public long accepted() {
            return accepted;
        }

        /** Rows rejected so far. */
        public long rejected() {
            return rejected;
        }

        /** The report as it stands; the builder can go on counting. */
        public IngestReport build() {
            Map<String, Long> reasons = new LinkedHashMap<>();
            byReason.forEach((k, v) -> reasons.put(k.code(), v));
            return new IngestReport(source, accepted + rejected, accepted, rejected, reasons, byColumn, sample, notes);
        }
    }
}
