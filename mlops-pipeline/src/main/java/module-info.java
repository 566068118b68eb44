/**
 * The whole lifecycle as one declared, versioned pipeline: a YAML or JSON file (or the same values built in code)
 * that runs collect, verify, features, tuning, training, evaluation, the release gate, packaging and registration,
 * and serves and monitors the released model. Exports its API package only.
 */
module dev.mlops.pipeline {
    requires transitive dev.mlops.train;
    requires transitive dev.mlops.serve.endpoint;
    requires transitive dev.mlops.monitor;
    requires com.fasterxml.jackson.dataformat.yaml;

    exports dev.mlops.pipeline;

    opens dev.mlops.pipeline to com.fasterxml.jackson.databind;
}
