package dev.mlops.data.internal;

import dev.mlops.api.BadRowPolicy;
import dev.mlops.api.Column;
import dev.mlops.api.DataException;
import dev.mlops.api.Field;
import dev.mlops.api.Frame;
import dev.mlops.api.FrameBatches;
import dev.mlops.api.IngestReport;
import dev.mlops.api.RejectReason;
import dev.mlops.api.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The part every row-by-row reader shares: staging cells, committing or rejecting whole rows under the
 * {@link BadRowPolicy}, counting them in the {@link IngestReport}, and cutting batches. A subclass only reads rows.
 *
 * <p>Not thread-safe: one consumer reads it.
 */
public abstract class RowBatches implements FrameBatches {
    /** Rows per chunk when a batch is larger: small enough to stay out of G1's humongous regions. */
    static final int CHUNK_ROWS = 1 << 16;
    /** The source name for messages and the report. */
    protected final String source;
    /** What to do with a bad row. */
    protected final BadRowPolicy policy;
    /** The counts so far. */
    protected final IngestReport.Builder report;
    private final int batchSize;
    private Schema schema;
    private ColumnCells[] cells;
    private String[] hints;
    private int rowsInBatch;
    private Frame pending;
    private boolean exhausted;
    private boolean closed;

    /**
     * @param source the source name
     * @param policy what to do with bad rows
     * @param rejectionSampleSize how many rejected rows the report keeps
     * @param batchSize the most rows per batch
     */
    protected RowBatches(String source, BadRowPolicy policy, int rejectionSampleSize, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("rowsPerBatch must be at least 1, got " + batchSize);
        }
        this.source = source;
        this.policy = policy;
        this.report = IngestReport.newBuilder(source, rejectionSampleSize);
        this.batchSize = batchSize;
    }

    /**
     * Fixes the columns; called once by the subclass before the first row.
     *
     * @param schema the columns
     * @param hints per column, what to do when a value does not fit (null for the default advice)
     */
    protected final void start(Schema schema, String[] hints) {
        this.schema = schema;
        this.cells = new ColumnCells[schema.size()];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = ColumnCells.forField(schema.field(i), batchSize);
        }
        this.hints = hints == null ? new String[cells.length] : hints;
    }

    /** Reads one row (accepting or rejecting it); false at the end of the input. */
    protected abstract boolean readRow();

    /** Releases the input; called once. */
    protected abstract void closeInput() throws Exception;

    /** The number of columns. */
    protected final int columnCount() {
        return cells.length;
    }

    /** The cells of a column, to stage values into. */
    protected final ColumnCells cells(int column) {
        return cells[column];
    }

    /** Stages a missing value, rejecting the row when the column is not nullable; false when rejected. */
    protected final boolean stageMissing(int column, long line) {
        ColumnCells c = cells[column];
        if (!c.field.nullable()) {
            reject(line, c.field.name(), "", RejectReason.MISSING_REQUIRED, "Missing value", "a value (the column is not"
                    + " nullable)", hints[column]);
            return false;
        }
        c.stageMissing();
        return true;
    }

    /** Stages a value given as text; when it does not parse, rejects the row and answers false. */
    protected final boolean stageText(int column, String raw, long line) {
        ColumnCells c = cells[column];
        if (c.stageText(raw)) {
            return true;
        }
        reject(line, c.field.name(), raw, c.reason(), problem(c.reason()), c.expected(), hints[column]);
        return false;
    }

    /** Stages a value lying in {@code chars[from, to)}; when it does not parse, rejects the row and answers false. */
    protected final boolean stageChars(int column, char[] chars, int from, int to, long line) {
        ColumnCells c = cells[column];
        if (c.stageChars(chars, from, to)) {
            return true;
        }
        String raw = new String(chars, from, to - from);
        reject(line, c.field.name(), raw, c.reason(), problem(c.reason()), c.expected(), hints[column]);
        return false;
    }

    /** Stages a Java value (null is missing); when it does not fit, rejects the row and answers false. */
    protected final boolean stageObject(int column, Object value, long line) {
        if (value == null) {
            return stageMissing(column, line);
        }
        ColumnCells c = cells[column];
        if (c.stageObject(value)) {
            return true;
        }
        String raw = ColumnCells.asText(value);
        reject(line, c.field.name(), raw == null ? value.getClass().getName() : raw, c.reason(),
                problem(c.reason()), c.expected(), hints[column]);
        return false;
    }

    /** Appends the staged row to the batch. */
    protected final void commitRow() {
        for (ColumnCells c : cells) {
            c.commit();
        }
        report.accept();
        rowsInBatch++;
    }

    /**
     * Leaves a row out: throws under {@link BadRowPolicy#FAIL_FAST}, else counts it in the report.
     *
     * @param line the 1-based line or record number
     * @param column the column, or null for the whole row
     * @param raw the raw text
     * @param reason the reason code
     * @param problem what is wrong, e.g. "Bad number"
     * @param expected what would have been accepted
     * @param hint what to do, or null for the default advice
     */
    protected final void reject(long line, String column, String raw, RejectReason reason, String problem,
            String expected, String hint) {
        reject(policy, report, source, line, column, raw, reason, problem, expected, hint);
    }

    /**
     * Leaves a row out of any reader, row-by-row or not: throws under {@link BadRowPolicy#FAIL_FAST}, else counts
     * it in {@code report}. The parameters are those of the instance method, plus the policy, report and source.
     */
    public static void reject(BadRowPolicy policy, IngestReport.Builder report, String source, long line,
            String column, String raw, RejectReason reason, String problem, String expected, String hint) {
        String advice = hint != null ? hint : "Fix the input, or read with BadRowPolicy.SKIP_AND_REPORT to leave"
                + " such rows out and count them in the ingest report.";
        if (policy == BadRowPolicy.FAIL_FAST) {
            throw new DataException(problem, source, line, column, raw, expected, advice, null);
        }
        StringBuilder detail = new StringBuilder(problem);
        if (expected != null) {
            detail.append(" (expected ").append(expected).append(')');
        }
        report.reject(line, column, raw, reason, detail.toString());
    }

    /** The usual problem text of a reason. */
    public static String problem(RejectReason reason) {
        return switch (reason) {
            case BAD_NUMBER -> "Bad number";
            case NON_FINITE -> "Non-finite number";
            case BAD_INTEGER -> "Bad whole number";
            case BAD_BOOLEAN -> "Bad boolean";
            case BAD_TIMESTAMP -> "Bad date or timestamp";
            case RAGGED_ROW -> "Ragged row";
            case MALFORMED -> "Malformed input";
            case INVALID_ENCODING -> "Invalid byte sequence for the declared encoding";
            case NESTED_VALUE -> "Nested value";
            case MISSING_REQUIRED -> "Missing value";
            case UNSUPPORTED_TYPE -> "Unsupported value";
        };
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public IngestReport report() {
        return report.build();
    }

    @Override
    public boolean hasNext() {
        if (pending != null) {
            return true;
        }
        if (exhausted || closed) {
            return false;
        }
        // Large batches are built in chunks and joined once: growing one huge array by copying would allocate
        // about twice the batch, and in G1 such arrays are humongous objects that are costly to churn.
        List<Frame> chunks = null;
        int rowsSoFar = 0;
        while (rowsSoFar + rowsInBatch < batchSize) {
            if (!readRow()) {
                exhausted = true;
                close();
                break;
            }
            if (rowsInBatch == CHUNK_ROWS && rowsSoFar + rowsInBatch < batchSize) {
                if (chunks == null) {
                    chunks = new ArrayList<>();
                }
                rowsSoFar += rowsInBatch;
                chunks.add(finishChunk());
            }
        }
        if (rowsInBatch > 0) {
            Frame last = finishChunk();
            if (chunks == null) {
                pending = last;
            } else {
                chunks.add(last);
            }
        }
        if (chunks != null) {
            pending = Frame.concat(chunks);
        }
        return pending != null;
    }

    private Frame finishChunk() {
        List<Column> columns = new ArrayList<>(cells.length);
        for (ColumnCells c : cells) {
            columns.add(c.finish(batchSize));
        }
        rowsInBatch = 0;
        return columns.isEmpty() ? Frame.empty(schema) : Frame.of(columns);
    }

    @Override
    public Frame next() {
        if (!hasNext()) {
            throw new NoSuchElementException("No more batches in " + source);
        }
        Frame f = pending;
        pending = null;
        return f;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            closeInput();
        } catch (Exception e) {
            throw new DataException("Cannot close " + source + ": " + e.getMessage(), e);
        }
    }

    /** The names of a schema's fields, for messages. */
    protected static List<String> names(List<Field> fields) {
        List<String> out = new ArrayList<>(fields.size());
        for (Field f : fields) {
            out.add(f.name());
        }
        return out;
    }
}
