/**
 * A test kit for unit tests of pipelines built on the SDK: AssertJ assertions on its reports
 * ({@link dev.mlops.test.MlopsAssertions}), behavioural checks of a model ({@link dev.mlops.test.BehaviourChecks}) on
 * one {@link dev.mlops.test.Predictor} shape for trained and served models, the bundled datasets
 * ({@link dev.mlops.test.Datasets}) and synthetic frames with a known answer ({@link dev.mlops.test.SyntheticFrame}).
 * JUnit 5 extensions are in {@link dev.mlops.test.junit}.
 */
package dev.mlops.test;
