package dev.mlops.cli;

import dev.mlops.api.Frame;
import dev.mlops.data.CsvSource;
import dev.mlops.data.JsonLinesSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Reads a data file by its extension: .csv, or .jsonl / .ndjson (JSON Lines). */
final class DataFiles {

    private DataFiles() {
    }

    static Frame read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("no such file: " + file.toAbsolutePath() + " (give a .csv or .jsonl file)");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return CsvSource.of(file).read();
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return JsonLinesSource.of(file).read();
        }
        throw new BadInputException("cannot tell the format of " + file
                + ": name it .csv for CSV or .jsonl / .ndjson for JSON Lines");
    }

    static void requireColumn(Frame frame, String column, Path file) {
        if (!frame.columnNames().contains(column)) {
            throw new BadInputException("no column '" + column + "' in " + file + "; its columns are "
                    + frame.columnNames());
        }
    }
}
