package dev.mlops.cli;

import dev.mlops.api.DataSource;
import dev.mlops.api.Frame;
import dev.mlops.api.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Reading the files a command is given, and writing its answer. */
final class Inputs {
    private Inputs() {
    }

    /** A data file read whole: CSV ({@code .csv}, {@code .csv.gz}) or JSON Lines ({@code .jsonl}, {@code .ndjson}). */
    static Frame frame(Path file) {
        return source(file).read();
    }

    /**
     * The rows a data file holds, estimated by its line count (less the header of a CSV file); -1 for a compressed
     * file, whose size says little. One fast pass over the bytes, for the progress bar's total.
     */
    static long rowEstimate(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            return -1;
        }
        long lines = 0;
        boolean pending = false;
        byte[] buffer = new byte[1 << 16];
        try (java.io.InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                        pending = false;
                    } else {
                        pending = true;
                    }
                }
            }
        } catch (IOException e) {
            return -1;
        }
        lines += pending ? 1 : 0; // a last line without a line break
        boolean csv = !(name.endsWith(".jsonl") || name.endsWith(".ndjson"));
        return Math.max(0, csv ? lines - 1 : lines);
    }

    static DataSource source(Path file) {
        exists(file, "data file");
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv") || name.endsWith(".csv.gz") || name.endsWith(".tsv")) {
            return DataSource.csv(file);
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".jsonl.gz")) {
            return DataSource.jsonLines(file);
        }
        throw new BadInputException("Cannot tell the format of " + file + " from its name: use .csv (or .csv.gz)"
                + " for CSV with a header row, .jsonl for JSON Lines");
    }

    static String text(Path file, String what) {
        exists(file, what);
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new BadInputException("Cannot read the " + what + " " + file + ": " + e.getMessage());
        }
    }

    static void write(Path file, String text) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new BadInputException("Cannot write " + file + ": " + e.getMessage() + "; check the folder exists"
                    + " and is writable");
        }
    }

    private static void exists(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("No " + what + " at " + file.toAbsolutePath() + (Files.isDirectory(file)
                    ? " (that is a folder)" : "") + "; check the path");
        }
    }

    /** Prints a value as indented JSON. */
    static void json(PrintWriter out, Object value) {
        try {
            out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** Prints JSON text (already serialised by the SDK) as it is. */
    static void jsonText(PrintWriter out, String json) {
        try {
            out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(Json.mapper().readTree(json)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON: " + e.getMessage(), e);
        }
    }
}
