/**
 * JUnit 5 extensions: a temporary model repository and run tracker per test ({@link dev.mlops.test.junit.MlopsExtension})
 * and a model server started from an artifact or a trained model and closed after each test
 * ({@link dev.mlops.test.junit.ModelServerExtension}).
 */
package dev.mlops.test.junit;
