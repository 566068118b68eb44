/**
 * The contracts every other module speaks: frames and schemas, data sources and sinks, the model artifact and its
 * repository, run tracking. Depends on no other SDK module.
 */
module dev.mlops.api {
    requires transitive com.fasterxml.jackson.databind;
    requires transitive org.slf4j;
    requires transitive java.sql;
    requires java.management;
    requires jdk.management;

    exports dev.mlops.api;
    exports dev.mlops.api.model;
    exports dev.mlops.api.tracking;

    // Jackson reads and writes the records of these packages (settings, run records, signatures).
    opens dev.mlops.api to com.fasterxml.jackson.databind;
    opens dev.mlops.api.model to com.fasterxml.jackson.databind;
    opens dev.mlops.api.tracking to com.fasterxml.jackson.databind;

    uses dev.mlops.api.DataSourceProvider;
}
