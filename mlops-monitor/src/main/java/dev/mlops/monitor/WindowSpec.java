package dev.mlops.monitor;

import dev.mlops.api.Json;
import java.time.Duration;
import java.util.Objects;

/**
 * How a monitor cuts its stream into windows: by row count, by time (tumbling or sliding, aligned to the epoch, by
 * the events' time and closed by the monitor's clock), or by an explicit key column (for example a day).
 *
 * <p>Immutable; serializes to JSON with {@link #toJson()} and back. Durations are stored in milliseconds.
 *
 * @param kind       the kind of window
 * @param rows       rows per window ({@link Kind#ROWS})
 * @param sizeMillis window length ({@link Kind#TUMBLING}, {@link Kind#SLIDING})
 * @param stepMillis how far a sliding window moves; equal to the size for tumbling windows
 * @param keyColumn  the input column whose value names the window ({@link Kind#KEY})
 * @param openKeys   how many key windows stay open at once; a new key closes the oldest beyond this
 */
public record WindowSpec(Kind kind, int rows, long sizeMillis, long stepMillis, String keyColumn, int openKeys) {

    /** The kinds of window. */
    public enum Kind {
        /** A fixed number of rows. */
        ROWS,
        /** Consecutive, non-overlapping time intervals. */
        TUMBLING,
        /** Time intervals of one size that move by a smaller step and overlap. */
        SLIDING,
        /** Rows with the same value of a key column. */
        KEY
    }

    /** Checks the settings. */
    public WindowSpec {
        Objects.requireNonNull(kind, "kind");
        switch (kind) {
            case ROWS -> {
                if (rows < 1) {
                    throw new IllegalArgumentException("A row-count window needs at least 1 row, got " + rows);
                }
            }
            case TUMBLING, SLIDING -> {
                if (sizeMillis < 1 || stepMillis < 1 || stepMillis > sizeMillis || sizeMillis % stepMillis != 0) {
                    throw new IllegalArgumentException("A time window needs 0 < step <= size with size a multiple "
                            + "of step; got size " + sizeMillis + " ms, step " + stepMillis + " ms");
                }
            }
            case KEY -> {
                if (keyColumn == null || keyColumn.isBlank() || openKeys < 1) {
                    throw new IllegalArgumentException("A key window needs a key column and openKeys >= 1; got '"
                            + keyColumn + "', " + openKeys);
                }
            }
        }
    }

    /** Windows of {@code rows} rows each. */
    public static WindowSpec rows(int rows) {
        return new WindowSpec(Kind.ROWS, rows, 0, 0, null, 0);
    }

    /** Tumbling windows of one duration, aligned to the epoch (an hour window starts on the hour). */
    public static WindowSpec tumbling(Duration size) {
        return new WindowSpec(Kind.TUMBLING, 0, size.toMillis(), size.toMillis(), null, 0);
    }

    /** Sliding windows of {@code size} that move by {@code step}; a window closes at every step boundary. */
    public static WindowSpec sliding(Duration size, Duration step) {
        return new WindowSpec(Kind.SLIDING, 0, size.toMillis(), step.toMillis(), null, 0);
    }

    /** One window per value of a key column; one key open at a time (a new key closes the previous one). */
    public static WindowSpec byKey(String keyColumn) {
        return byKey(keyColumn, 1);
    }

    /** One window per value of a key column, with up to {@code openKeys} open at once for late rows. */
    public static WindowSpec byKey(String keyColumn, int openKeys) {
        return new WindowSpec(Kind.KEY, 0, 0, 0, keyColumn, openKeys);
    }

    /** The settings as JSON. */
    public String toJson() {
        return Json.write(this);
    }

    /** Settings read from {@link #toJson()}. */
    public static WindowSpec fromJson(String json) {
        return Json.read(json, WindowSpec.class);
    }
}
