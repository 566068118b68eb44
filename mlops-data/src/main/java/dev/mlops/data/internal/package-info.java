/**
 * Implementation shared by the sources of {@code dev.mlops.data}: cell parsing, type inference, row staging under a
 * bad-row policy, decoding that reports invalid bytes. Not API: other modules must not use it.
 */
package dev.mlops.data.internal;
