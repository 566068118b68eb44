package dev.mlops.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.mlops.data.validate.InferenceOptions;
import dev.mlops.features.Preprocessing;
import dev.mlops.features.SelectionRule;
import dev.mlops.monitor.DriftOptions;
import dev.mlops.monitor.WindowSpec;
import dev.mlops.serve.ServerConfig;
import dev.mlops.serve.endpoint.EndpointConfig;
import dev.mlops.train.EvaluatorSettings;
import dev.mlops.train.TrainerSettings;
import dev.mlops.train.TunerSettings;

/**
 * The content of a pipeline file, bound by Jackson. Strings may hold {@code ${env:NAME}} references, resolved from
 * the environment only when the pipeline runs; this record always keeps the references, so what is written to a
 * run record never holds a secret.
 *
 * @param experiment the experiment the run is tracked under
 * @param source where the data comes from
 * <p>Every section past the source is one of the settings records the code uses ({@link TrainerSettings},
 * {@link TunerSettings}, {@link EvaluatorSettings}, {@link SelectionRule}, {@link Preprocessing},
 * {@link InferenceOptions}, {@link ServerConfig}, {@link EndpointConfig}, {@link DriftOptions}, {@link WindowSpec}),
 * bound by Jackson and checked by the record's own constructor; the few records here only say where things are.
 *
 * @param experiment the experiment the run is tracked under
 * @param source where the data comes from
 * @param split how the data is split into train and test
 * @param checks the data checks run before training, or {@code null} for none
 * @param features the feature selection and preprocessing fitted as the first steps of training, or {@code null}
 * @param trainer the training algorithm and its settings (the same {@link TrainerSettings} records the code uses,
 *     chosen by {@code algorithm})
 * @param tuning the search whose best trial trains the model, or {@code null} to train the trainer's settings
 * @param gate the release gate (evaluator settings with thresholds); a model that fails it is not registered
 * @param register where to register the trained model, or {@code null} to register nothing
 * @param serve how the registered model is served ({@code mlops serve --pipeline}), or {@code null}
 * @param monitor how its predictions are monitored for drift, or {@code null}
 * @param tracking the run tracking store
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PipelineFile(String experiment, Source source, Split split, Checks checks, Features features,
                           TrainerSettings trainer, TunerSettings tuning, EvaluatorSettings gate, Register register,
                           Serve serve, Monitor monitor, Tracking tracking) {

    /** A file of the first format's sections only (no checks, features, tuning, gate, serving or monitoring). */
    public PipelineFile(String experiment, Source source, Split split, TrainerSettings trainer, Register register,
                        Tracking tracking) {
        this(experiment, source, split, null, null, trainer, null, null, register, null, null, tracking);
    }

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

    /**
     * The data checks: a contract from a file checked on all the data read, and/or a contract inferred from the
     * training rows and checked on the test rows. A failed ERROR check stops the run before training.
     *
     * @param contract a contract file (JSON, as {@code mlops infer-contract} writes it), relative to the pipeline
     *     file's folder, checked on all the rows read
     * @param infer whether to infer a contract from the training rows and check the test rows with it
     * @param inference how the contract is inferred (the defaults when {@code null})
     * @param reports the folder the validation reports are written to, relative to the pipeline file's folder
     *     ({@code validation} when {@code null})
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Checks(String contract, Boolean infer, InferenceOptions inference, String reports) {
    }

    /**
     * The feature steps of the training pipeline, fitted on exactly the rows each training sees (every tuning fold,
     * then the training rows) and packaged with the model.
     *
     * @param selection the feature selection rule, or {@code null} to keep every feature
     * @param preprocessing the preprocessing chain, or {@code null} for none
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Features(SelectionRule selection, Preprocessing preprocessing) {
    }

    /**
     * How the registered model is served. Bearer tokens are not settings: the file names the file that holds them.
     *
     * @param endpoint where the endpoint listens and its limits
     * @param server batching, threads and caches of the model server
     * @param tokenFile the file of accepted bearer tokens, one per line, relative to the pipeline file's folder
     *     ({@code null}: every caller is accepted)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Serve(EndpointConfig endpoint, ServerConfig server, String tokenFile) {
    }

    /**
     * How the served model's predictions are monitored for drift.
     *
     * @param drift the drift statistics and thresholds
     * @param window how the prediction stream is cut into windows
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Monitor(DriftOptions drift, WindowSpec window) {
    }
}
