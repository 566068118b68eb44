package dev.mlops.api;

/**
 * An open destination for frames of one schema, from {@link DataSink#open(Schema)}: write the batches in order, then
 * {@link #close()} to finish, or {@link #abort()} to leave the destination as it was.
 *
 * <p>Not thread-safe: one producer writes it.
 */
public interface FrameWriter extends AutoCloseable {

    /**
     * Writes the rows of a frame whose columns have the names and types of the writer's schema, in that order.
     *
     * @throws IllegalArgumentException when the frame's columns differ from the schema
     * @throws IllegalStateException when the writer is closed, aborted, or failed earlier
     * @throws DataException when a value cannot be written or the output fails (the writer is then aborted)
     */
    void write(Frame batch);

    /** The rows written so far. */
    long rowCount();

    /** Drops what was written: the destination is left as it was before {@code open}. Idempotent; no-op once closed. */
    void abort();

    /**
     * Finishes the output, so that it appears complete or not at all; idempotent, and a no-op after {@link #abort()}.
     *
     * @throws DataException when the output cannot be finished
     */
    @Override
    void close();
}
