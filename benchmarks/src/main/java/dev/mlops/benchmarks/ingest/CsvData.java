package dev.mlops.benchmarks.ingest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Writes the benchmark's CSV file: 20 mixed columns (6 integer, one with 5% missing; 7 decimal, 2% missing;
 * 4 categorical; 1 boolean; 1 ISO date; 1 free text), generated from a seed so every run and the pandas peer read
 * the same bytes. Run as a program to write a file: {@code CsvData <rows> <path>}.
 */
public final class CsvData {
    /** The seed of every generated file. */
    public static final long SEED = 42;

    private static final String[][] DICTIONARIES = {
        {"red", "green", "blue"},
        {"none", "basic", "standard", "premium", "enterprise"},
        {"DE", "FR", "IT", "ES", "NL", "BE", "AT", "CH", "PL", "CZ", "SE", "DK"},
        {"web", "mobile", "store", "partner", "phone", "mail", "kiosk", "agent", "api", "batch", "import",
            "export", "sync", "manual", "bot", "other", "unknown", "test", "legacy", "promo"},
    };

    private CsvData() {
    }

    /** The path of the file with this many rows under {@code benchmarks/target/ingest}, written if missing. */
    public static Path file(int rows) throws IOException {
        Path dir = Path.of(System.getProperty("csv.dir", "benchmarks/target/ingest"));
        Path path = dir.resolve("mixed-" + rows + ".csv");
        if (!Files.exists(path)) {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "mixed-", ".tmp");
            write(rows, tmp);
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return path;
    }

    /** Writes {@code rows} rows (plus a header) to {@code path}. */
    public static void write(int rows, Path path) throws IOException {
        SplittableRandom r = new SplittableRandom(SEED);
        LocalDate epoch = LocalDate.of(2015, 1, 1);
        try (BufferedWriter w = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
            w.write("id,age,visits,score_i,count_i,opt_i,amount,rate,temp,lat,lon,ratio,opt_d,color,plan,country,"
                    + "channel,active,signup,comment\n");
            StringBuilder sb = new StringBuilder(256);
            for (int i = 0; i < rows; i++) {
                sb.setLength(0);
                sb.append(i).append(',');
                sb.append(18 + r.nextInt(70)).append(',');
                sb.append(r.nextInt(1000)).append(',');
                sb.append(r.nextInt(2_000_001) - 1_000_000).append(',');
                sb.append(r.nextLong(10_000_000_000L)).append(',');
                if (r.nextInt(20) == 0) {
                    sb.append(',');
                } else {
                    sb.append(r.nextInt(100)).append(',');
                }
                decimal(sb, r.nextLong(100_000_000L), 2).append(',');
                decimal(sb, r.nextLong(1_000_000L), 6).append(',');
                decimal(sb, r.nextLong(1000) - 400, 1).append(',');
                decimal(sb, r.nextLong(180_000_000L) - 90_000_000L, 6).append(',');
                decimal(sb, r.nextLong(360_000_000L) - 180_000_000L, 6).append(',');
                decimal(sb, r.nextLong(10_000), 4).append(',');
                if (r.nextInt(50) == 0) {
                    sb.append(',');
                } else {
                    decimal(sb, r.nextLong(2_000_000) - 1_000_000, 3).append(',');
                }
                for (String[] dict : DICTIONARIES) {
                    sb.append(dict[r.nextInt(dict.length)]).append(',');
                }
                sb.append(r.nextBoolean() ? "true" : "false").append(',');
                sb.append(epoch.plusDays(r.nextInt(3650))).append(',');
                sb.append("user ").append(Long.toHexString(r.nextLong() >>> 16)).append('\n');
                w.append(sb);
            }
        }
    }

    private static StringBuilder decimal(StringBuilder sb, long unscaled, int scale) {
        if (unscaled < 0) {
            sb.append('-');
            unscaled = -unscaled;
        }
        long pow = 1;
        for (int i = 0; i < scale; i++) {
            pow *= 10;
        }
        sb.append(unscaled / pow).append('.');
        String frac = Long.toString(unscaled % pow);
        for (int i = frac.length(); i < scale; i++) {
            sb.append('0');
        }
        return sb.append(frac);
    }

    /** Writes a file: {@code CsvData <rows> <path>}; prints nothing. */
    public static void main(String[] args) throws IOException {
        write(Integer.parseInt(args[0]), Path.of(args[1]));
    }
}
