/**
 * Monitoring: drift of inputs and predictions against the training profile, delayed labels, estimated
 * performance, the prediction log, alerts and meters. Depends on mlops-data and mlops-api only.
 */
module dev.mlops.monitor {
    requires transitive dev.mlops.data;
    requires ejml.core;
    requires ejml.ddense;
    requires micrometer.core;
    requires java.net.http;

    exports dev.mlops.monitor;

    opens dev.mlops.monitor to com.fasterxml.jackson.databind;
}
