/**
 * Data sources: CSV ({@link dev.mlops.data.CsvSource}), JSON Lines ({@link dev.mlops.data.JsonLinesSource}), JDBC
 * ({@link dev.mlops.data.JdbcSource}) and in-memory data ({@link dev.mlops.data.MemorySource}), each a
 * {@link dev.mlops.api.DataSource} that reads typed {@link dev.mlops.api.Frame}s, whole or in batches, with an
 * {@link dev.mlops.api.IngestReport} that accounts for every row (read = accepted + rejected).
 */
package dev.mlops.data;
