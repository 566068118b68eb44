package dev.mlops.api;

import java.util.Iterator;

/**
 * A stream of frames read from a {@link DataSource}, each of at most the requested number of rows, for data
 * larger than memory. Every batch has the same {@link #schema()}. Close it to release the file or connection.
 *
 * <p>Not thread-safe: one consumer reads it.
 */
public interface FrameBatches extends Iterator<Frame>, AutoCloseable {

    /** The columns of every batch, known before the first batch is read. */
    Schema schema();

    /** What the read did so far: rows read, accepted and rejected up to the last batch returned. */
    IngestReport report();

    /** Releases what the read holds; idempotent. */
    @Override
    void close();
}
