package dev.mlops.api;

import java.nio.file.Path;

/**
 * What the static factories on {@link DataSource} ({@code DataSource.csv(path)} and the others) are answered by: the
 * sources live in {@code mlops-data}, which registers one provider through {@link java.util.ServiceLoader}. Users do
 * not call this; a module that wanted to replace the readers could.
 */
public interface DataSourceProvider {

    /** A CSV file read with the default settings (header row, comma, UTF-8, types inferred). */
    DataSource csv(Path path);

    /** A JSON Lines file read with the default settings. */
    DataSource jsonLines(Path path);

    /** The rows of a query over a JDBC URL (credentials in the URL where the driver takes them). */
    DataSource jdbc(String url, String query);

    /** A frame already in memory. */
    DataSource of(Frame frame);
}
