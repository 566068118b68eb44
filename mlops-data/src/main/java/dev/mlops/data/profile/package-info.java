/**
 * Mergeable per-column statistics: one {@link dev.mlops.data.profile.Profile} type validates data, is stored as
 * the reference beside a model, and summarises the windows drift is measured on.
 */
package dev.mlops.data.profile;
