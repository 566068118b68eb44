package dev.mlops.benchmarks.ingest;

import com.sun.management.OperatingSystemMXBean;
import dev.mlops.api.Frame;
import dev.mlops.data.CsvSource;
import java.io.IOException;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The work of {@link CsvBenchmark} timed by process CPU time, best of several interleaved runs: on a shared,
 * overloaded machine wall-clock JMH scores swing by more than the difference measured, while the best CPU time of
 * each side is stable. Prints summary rows (no header) for the SDK with and without its fast path, each against
 * raw Commons CSV. Rows: {@code -Dcsv.rows} (default 200000); runs: {@code -Dcsv.runs} (default 8).
 */
public final class CsvCpuTime {
    private CsvCpuTime() {
    }

    public static void main(String[] args) throws IOException {
        int rows = Integer.getInteger("csv.rows", 200_000);
        int runs = Integer.getInteger("csv.runs", 8);
        Path file = CsvData.file(rows);
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        CSVFormat format = CSVFormat.Builder.create().setDelimiter(',').setQuote('"').setIgnoreEmptyLines(true)
                .setRecordSeparator("\n").get();
        CsvSource fast = CsvSource.newBuilder(file).fastPath(true).build();
        CsvSource commons = CsvSource.newBuilder(file).fastPath(false).build();
        long raw = Long.MAX_VALUE;
        long sdkFast = Long.MAX_VALUE;
        long sdkCommons = Long.MAX_VALUE;
        long sink = 0;
        for (int k = 0; k < runs; k++) {
            long t0 = os.getProcessCpuTime();
            sink += rawParse(file, format);
            long t1 = os.getProcessCpuTime();
            Frame a = fast.read();
            long t2 = os.getProcessCpuTime();
            Frame b = commons.read();
            long t3 = os.getProcessCpuTime();
            sink += a.rowCount() + b.rowCount();
            raw = Math.min(raw, t1 - t0);
            sdkFast = Math.min(sdkFast, t2 - t1);
            sdkCommons = Math.min(sdkCommons, t3 - t2);
        }
        if (sink != (3L * rows + 1) * runs) { // the raw parse counts the header too
            throw new IllegalStateException("row counts disagree");
        }
        row("csvToFrame(fastPath=true rows=" + rows + ")", rows, sdkFast, raw);
        row("csvToFrame(fastPath=false rows=" + rows + ")", rows, sdkCommons, raw);
    }

    private static void row(String name, int rows, long nanos, long floorNanos) {
        double value = rows / (nanos / 1e9);
        double floor = rows / (floorNanos / 1e9);
        System.out.printf(Locale.ROOT, "ingest.CsvCpuTime.%s,rows/s by best CPU time (higher is better),rows/s,%.0f,"
                + "ingest.CsvCpuTime.rawCommonsCsvParse,%.0f,%.3f%n", name, value, floor, value / floor);
    }

    private static long rawParse(Path file, CSVFormat format) throws IOException {
        long n = 0;
        long chars = 0;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.builder().setReader(in).setFormat(format).get()) {
            for (CSVRecord r : parser) {
                for (int i = 0; i < r.size(); i++) {
                    chars += r.get(i).length();
                }
                n++;
            }
        }
        return chars >= 0 ? n : -1;
    }
}
