/**
 * Data contracts and constraint checks: infer a {@link dev.mlops.data.validate.Contract} from a reference frame,
 * edit it through the fluent {@link dev.mlops.data.validate.Validator}, validate frames into a
 * {@link dev.mlops.data.validate.ValidationReport}, and quarantine the rows that break a constraint.
 */
package dev.mlops.data.validate;
