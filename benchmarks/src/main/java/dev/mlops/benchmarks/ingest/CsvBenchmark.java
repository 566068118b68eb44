package dev.mlops.benchmarks.ingest;

import dev.mlops.api.Frame;
import dev.mlops.benchmarks.Floor;
import dev.mlops.data.CsvSource;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * CSV to a typed {@code Frame} against its floor, Commons CSV iterating every record and touching every field with
 * the same format, on a generated 20-column mixed file ({@link CsvData}). One operation reads the whole file, so
 * rows/s = ops/s x rows. {@code -p rows=1000000} for the 1M-row file of the pandas goal.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class CsvBenchmark {
    /** Data rows in the file. */
    @Param("200000")
    public int rows;

    /** Whether the SDK's plain-CSV fast path is on ({@code -p fastPath=false} measures Commons CSV underneath). */
    @Param("true")
    public boolean fastPath;

    private Path file;
    private CsvSource source;
    private CSVFormat format;

    /** Writes (or reuses) the file. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        file = CsvData.file(rows);
        source = CsvSource.newBuilder(file).fastPath(fastPath).build();
        // The same dialect CsvSource uses by default.
        format = CSVFormat.Builder.create().setDelimiter(',').setQuote('"').setIgnoreEmptyLines(true)
                .setRecordSeparator("\n").get();
    }

    /** The whole file into a typed frame through the SDK (inference, parsing, report). */
    @Benchmark
    @Floor("rawCommonsCsvParse")
    public Frame csvToFrame() {
        Frame f = source.read();
        if (f.rowCount() != rows) {
            throw new IllegalStateException("read " + f.rowCount() + " rows, expected " + rows);
        }
        return f;
    }

    /** The floor: Commons CSV alone, every record iterated and every field touched. */
    @Benchmark
    public long rawCommonsCsvParse(Blackhole bh) throws IOException {
        long n = 0;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.builder().setReader(in).setFormat(format).get()) {
            for (CSVRecord r : parser) {
                for (int i = 0; i < r.size(); i++) {
                    bh.consume(r.get(i));
                }
                n++;
            }
        }
        return n;
    }
}
