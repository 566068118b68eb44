package dev.mlops.data;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.mlops.api.DataSource;
import dev.mlops.api.Frame;
import java.nio.file.Path;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writing a frame and reading it back with the matching source (given the schema) gives the same frame, for random
 * frames of every column type with missing values, extreme numbers and awkward text (see {@link AwkwardFrames}).
 */
class SinkRoundTripTest {
    private static final int EXAMPLES = 200;

    @TempDir
    Path dir;

    @Test
    void csv_defaultDialect_readsBackTheSameFrame() {
        Path file = dir.resolve("frame.csv");
        roundTrips(0, "", frame -> CsvSink.of(file).write(frame),
                frame -> CsvSource.newBuilder(file).missingTokens("").schema(frame.schema()).build());
    }

    @Test
    void csv_semicolonsSingleQuotesCrLfAndNaToken_readsBackTheSameFrame() {
        Path file = dir.resolve("frame.csv.gz");
        roundTrips(0, "NA", frame -> CsvSink.newBuilder(file).delimiter(';').quote('\'').missingToken("NA")
                        .lineSeparator("\r\n").build().write(frame),
                frame -> CsvSource.newBuilder(file).delimiter(';').quote('\'').missingTokens("NA")
                        .schema(frame.schema()).build());
    }

    @Test
    void jsonLines_readsBackTheSameFrame() {
        Path file = dir.resolve("frame.jsonl");
        // An empty frame writes an empty file, which carries no schema: JSON Lines needs a row to say anything.
        roundTrips(1, null, frame -> JsonLinesSink.of(file).write(frame),
                frame -> JsonLinesSource.newBuilder(file).schema(frame.schema()).build());
    }

    private static void roundTrips(int minRows, String missingToken, java.util.function.Consumer<Frame> write,
            java.util.function.Function<Frame, DataSource> source) {
        BiFunction<Long, Integer, Frame> frames = (seed, rows) -> AwkwardFrames.frame(seed, rows, missingToken);
        qt().withExamples(EXAMPLES).forAll(longs().all(), integers().between(minRows, 25))
                .asWithPrecursor(frames::apply)
                .check((seed, rows, frame) -> {
                    write.accept(frame);
                    Frame back = source.apply(frame).read();
                    return back.schema().equals(frame.schema()) && back.fingerprint().equals(frame.fingerprint());
                });
    }
}
