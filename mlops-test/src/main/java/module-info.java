/**
 * The test kit, taken with test scope: JUnit 5 extensions, AssertJ assertions on the SDK's reports, behavioural
 * checks of a model, and the bundled datasets by name. Exports its two API packages.
 */
module dev.mlops.test {
    requires transitive dev.mlops.train;
    requires transitive dev.mlops.serve.endpoint;
    requires transitive dev.mlops.monitor;
    requires transitive org.junit.jupiter.api;
    requires transitive org.assertj.core;
    requires java.net.http;

    exports dev.mlops.test;
    exports dev.mlops.test.junit;

    opens dev.mlops.test to com.fasterxml.jackson.databind; // the reports written as JSON
}
