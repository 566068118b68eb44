/**
 * Run tracker stores: {@link dev.mlops.train.tracking.Trackers#directory(java.nio.file.Path)}, the embedded default
 * (human-readable JSON files, safe for concurrent writers), and
 * {@link dev.mlops.train.tracking.Trackers#jdbc(String, String, String)} for a SQL database (SQLite, PostgreSQL, H2).
 */
package dev.mlops.train.tracking;
