package dev.mlops.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.mlops.train.TrainerSettings;

/**
 * The content of a pipeline file, bound by Jackson. Strings may hold {@code ${env:NAME}} references, resolved from
 * the environment only when the pipeline runs; this record always keeps the references, so what is written to a
 * run record never holds a secret.
 *
 * @param experiment the experiment the run is tracked under
 * @param source where the data comes from
 * @param split how the data is split into train and test
 * @param trainer the training algorithm and its settings (the same {@link TrainerSettings} records the code uses,
 *     chosen by {@code algorithm})
 * @param register where to register the trained model, or {@code null} to register nothing
 * @param tracking the run tracking store
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PipelineFile(String experiment, Source source, Split split, TrainerSettings trainer, Register register,
                           Tracking tracking) {

    /**
     * The data source. No JSON-capable settings record for a whole source exists in mlops-data (its builders take
     * paths and connections), so this small record maps onto {@code CsvSource}, {@code JsonLinesSource} and
     * {@code JdbcSource}.
     *
     * @param type {@code csv}, {@code jsonLines} or {@code jdbc}
     * @param path the file (csv, jsonLines), relative to the pipeline file's folder
     * @param url the JDBC URL (jdbc)
     * @param user the JDBC user (jdbc; may be a {@code ${env:NAME}} reference)
     * @param password the JDBC password (jdbc; should be a {@code ${env:NAME}} reference)
     * @param query the SQL query (jdbc)
     * @param label the label column
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(String type, String path, String url, String user, String password, String query,
                         String label) {
    }

    /**
     * The train/test split.
     *
     * @param testShare the share of rows held out for test, in (0, 1)
     * @param seed the seed of the split
     * @param stratified whether to stratify on the label (classification)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Split(Double testShare, Long seed, Boolean stratified) {
    }

    /**
     * Where to register the model.
     *
     * @param repository the folder of the file-system model repository, relative to the pipeline file's folder
     * @param name the model name
     * @param alias the alias to point at the new version, or {@code null}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Register(String repository, String name, String alias) {
    }

    /**
     * The run tracking store: a folder, or a JDBC database.
     *
     * @param directory the folder of the embedded store, relative to the pipeline file's folder
     * @param jdbcUrl the JDBC URL of a SQL store
     * @param user the JDBC user
     * @param password the JDBC password (should be a {@code ${env:NAME}} reference)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Tracking(String directory, String jdbcUrl, String user, String password) {
    }
}
