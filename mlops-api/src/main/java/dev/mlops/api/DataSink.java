package dev.mlops.api;

/**
 * Where frames go: a file for other tools, a table, a log. One method opens a {@link FrameWriter} for a schema; the
 * defaults write a whole frame or a stream of batches through it. Implementations live in {@code mlops-data}
 * ({@code CsvSink}, {@code JsonLinesSink}); a lambda is a sink too.
 *
 * <pre>{@code
 * CsvSink.of(Path.of("scored.csv")).write(scored);
 * try (FrameBatches in = source.batches(100_000)) {      // larger than memory: batch by batch
 *     JsonLinesSink.of(Path.of("rows.jsonl")).write(in);
 * }
 * }</pre>
 *
 * <p>A sink is a description of where to write: it is immutable, and each call writes afresh.
 */
@FunctionalInterface
public interface DataSink {

    /**
     * Opens the destination for frames of this schema; write the batches, then close the writer to finish.
     *
     * @throws DataException when the destination cannot be opened
     */
    FrameWriter open(Schema schema);

    /** A name for messages: a path, a table. */
    default String name() {
        return getClass().getSimpleName();
    }

    /**
     * Writes one frame and finishes; returns the number of rows written. When the write fails, the destination is
     * left as it was (see {@link FrameWriter#abort()}).
     *
     * @throws DataException when a value cannot be written or the output fails
     */
    default long write(Frame frame) {
        FrameWriter writer = open(frame.schema());
        try {
            writer.write(frame);
        } catch (RuntimeException | Error e) {
            writer.abort();
            throw e;
        }
        writer.close();
        return writer.rowCount();
    }

    /**
     * Writes every remaining batch and finishes; returns the number of rows written. The batches are not closed:
     * whoever opened them closes them. When reading or writing fails, the destination is left as it was.
     *
     * @throws DataException when a batch cannot be read, a value cannot be written or the output fails
     */
    default long write(FrameBatches batches) {
        FrameWriter writer = open(batches.schema());
        try {
            while (batches.hasNext()) {
                writer.write(batches.next());
            }
        } catch (RuntimeException | Error e) {
            writer.abort();
            throw e;
        }
        writer.close();
        return writer.rowCount();
    }
}
