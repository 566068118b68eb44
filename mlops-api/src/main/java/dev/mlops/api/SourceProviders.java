package dev.mlops.api;

import java.util.ServiceLoader;

/** Finds the {@link DataSourceProvider} once, on first use of a factory on {@link DataSource}. */
final class SourceProviders {
    private SourceProviders() {
    }

    private static final class Holder {
        static final DataSourceProvider PROVIDER = ServiceLoader.load(DataSourceProvider.class,
                DataSource.class.getClassLoader()).findFirst().orElse(null);
    }

    static DataSourceProvider get() {
        DataSourceProvider p = Holder.PROVIDER;
        if (p == null) {
            throw new MlopsException("DataSource.csv, jsonLines, jdbc and of are answered by mlops-data, which is not"
                    + " on the class path; add the dependency dev.mlops:mlops-data (its version comes from"
                    + " mlops-bom)");
        }
        return p;
    }
}
