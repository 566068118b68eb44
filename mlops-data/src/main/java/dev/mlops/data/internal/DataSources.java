package dev.mlops.data.internal;

import dev.mlops.api.DataSource;
import dev.mlops.api.DataSourceProvider;
import dev.mlops.api.Frame;
import dev.mlops.data.CsvSource;
import dev.mlops.data.JdbcSource;
import dev.mlops.data.JsonLinesSource;
import dev.mlops.data.MemorySource;
import java.nio.file.Path;

/** Answers {@code DataSource.csv(path)} and the other factories on the interface with this module's sources. */
public final class DataSources implements DataSourceProvider {

    @Override
    public DataSource csv(Path path) {
        return CsvSource.of(path);
    }

    @Override
    public DataSource jsonLines(Path path) {
        return JsonLinesSource.of(path);
    }

    @Override
    public DataSource jdbc(String url, String query) {
        return JdbcSource.newBuilder().url(url).query(query).build();
    }

    @Override
    public DataSource of(Frame frame) {
        return MemorySource.of(frame);
    }
}
