/**
 * Collect, verify, clean, split, label and profile data: the sources and sinks, mergeable profiles, contracts and
 * validation, drift distances, reports. Its {@code internal} package is not exported.
 */
module dev.mlops.data {
    requires transitive dev.mlops.api;
    requires org.apache.commons.csv;
    requires transitive datasketches.java;
    requires org.apache.datasketches.memory;
    requires org.jfree.jfreechart;
    requires org.jfree.svg;
    requires java.desktop;

    exports dev.mlops.data;
    exports dev.mlops.data.clean;
    exports dev.mlops.data.drift;
    exports dev.mlops.data.label;
    exports dev.mlops.data.metrics;
    exports dev.mlops.data.profile;
    exports dev.mlops.data.quality;
    exports dev.mlops.data.report;
    exports dev.mlops.data.split;
    exports dev.mlops.data.validate;

    // Jackson reads and writes the settings, contracts, profiles and reports of these packages.
    opens dev.mlops.data to com.fasterxml.jackson.databind;
    opens dev.mlops.data.drift to com.fasterxml.jackson.databind;
    opens dev.mlops.data.label to com.fasterxml.jackson.databind;
    opens dev.mlops.data.profile to com.fasterxml.jackson.databind;
    opens dev.mlops.data.quality to com.fasterxml.jackson.databind;
    opens dev.mlops.data.report to com.fasterxml.jackson.databind;
    opens dev.mlops.data.split to com.fasterxml.jackson.databind;
    opens dev.mlops.data.validate to com.fasterxml.jackson.databind;

    provides dev.mlops.api.DataSourceProvider with dev.mlops.data.internal.DataSources;
}
