package dev.mlops.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where data comes from: a file, a query, a list in memory. One method streams it in batches; the defaults read it
 * whole. Start from the factories here, {@code DataSource.csv(Path.of("credit-g.csv")).read()}; for settings
 * (delimiter, types, bad-row policy, ...) use the builders of the implementations in {@code mlops-data}
 * ({@code CsvSource}, {@code JsonLinesSource}, {@code JdbcSource}, {@code MemorySource}), which the factories
 * return with their defaults. A lambda is a source too.
 *
 * <p>A source is a description of where to read: it is immutable, and each call reads afresh.
 */
@FunctionalInterface
public interface DataSource {

    /**
     * A CSV file with a header row, comma-separated, UTF-8 (gzip by extension), types inferred from a sample.
     *
     * @throws MlopsException when mlops-data, which reads it, is not on the class path
     */
    static DataSource csv(Path path) {
        return SourceProviders.get().csv(path);
    }

    /** A JSON Lines file, one object per line, types inferred from a sample. */
    static DataSource jsonLines(Path path) {
        return SourceProviders.get().jsonLines(path);
    }

    /** The rows of a SQL query over a JDBC URL; the driver must be on the class path. */
    static DataSource jdbc(String url, String query) {
        return SourceProviders.get().jdbc(url, query);
    }

    /** A frame already in memory, read in slices (a row with an infinity is a bad row, as in every source). */
    static DataSource of(Frame frame) {
        return SourceProviders.get().of(frame);
    }

    /**
     * Opens the data as a stream of frames of at most {@code rowsPerBatch} rows each.
     *
     * @throws DataException when the data cannot be opened, or (failing fast) a row cannot be read
     */
    FrameBatches batches(int rowsPerBatch);

    /** A name for reports and messages: a path, a table, a query. */
    default String name() {
        return getClass().getSimpleName();
    }

    /** Reads everything into one frame, with the report of what happened to every row. */
    default Ingest ingest() {
        try (FrameBatches batches = batches(Integer.MAX_VALUE)) {
            List<Frame> frames = new ArrayList<>();
            while (batches.hasNext()) {
                frames.add(batches.next());
            }
            Frame frame = frames.isEmpty() ? Frame.empty(batches.schema()) : Frame.concat(frames);
            return new Ingest(frame, batches.report());
        }
    }

    /**
     * Reads everything into one frame. Rows the source's policy skipped are counted in a warning logged here;
     * call {@link #ingest()} to get them in a report.
     */
    default Frame read() {
        Ingest ingest = ingest();
        if (!ingest.report().isClean()) {
            org.slf4j.LoggerFactory.getLogger(DataSource.class).warn("{}", ingest.report().summary());
        }
        return ingest.frame();
    }
}
