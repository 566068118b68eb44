package dev.mlops.data.internal;

import dev.mlops.api.Column;
import dev.mlops.api.DataException;
import dev.mlops.api.Field;
import dev.mlops.api.Frame;
import dev.mlops.api.FrameWriter;
import dev.mlops.api.Schema;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;

/**
 * What every file sink's writer does: writes into a temporary file beside the target and moves it into place on
 * {@link #close()}, so the target appears complete or not at all; gzip when the file name ends in {@code .gz}; checks
 * each batch's columns against the schema; counts rows; turns I/O failures into a {@link DataException} naming the
 * file. Subclasses write the rows. Not thread-safe.
 */
public abstract class FileFrameWriter implements FrameWriter {
    private static final int BUFFER = 1 << 16;

    private enum State { OPEN, CLOSED, ABORTED, FAILED }

    /** The file being written, for messages. */
    protected final Path path;
    /** The columns every batch must have. */
    protected final Schema schema;
    private final Path temp;
    private final OutputStream out;
    private final CharsetEncoder encoder;
    private long rows;
    private State state = State.OPEN;

    /**
     * Opens a temporary file beside {@code path} (creating the folders), compressed when the name ends in
     * {@code .gz}; {@code charset} is what text values are checked against.
     *
     * @throws DataException naming the file when it cannot be created
     */
    protected FileFrameWriter(Path path, Schema schema, Charset charset) {
        this.path = Objects.requireNonNull(path, "path").toAbsolutePath();
        this.schema = Objects.requireNonNull(schema, "schema");
        if (schema.size() == 0) {
            throw new IllegalArgumentException("A frame with no columns has nothing to write to " + path);
        }
        this.encoder = charset.equals(StandardCharsets.UTF_8) ? null : charset.newEncoder();
        Path dir = this.path.getParent();
        Path created = null;
        try {
            Files.createDirectories(dir);
            created = Files.createTempFile(dir, "." + this.path.getFileName() + ".", ".tmp");
            OutputStream o = new BufferedOutputStream(Files.newOutputStream(created), BUFFER);
            this.out = this.path.getFileName().toString().endsWith(".gz") ? new GZIPOutputStream(o, BUFFER) : o;
        } catch (IOException e) {
            deleteQuietly(created);
            throw new DataException("Cannot write " + this.path + ": " + describe(e)
                    + ". Check that the folder exists or can be created, and is writable.", e);
        }
        this.temp = created;
    }

    /** A step that writes or sets up, and may fail with an I/O error. */
    @FunctionalInterface
    protected interface IoStep<T> {
        /** Runs the step. */
        T run() throws IOException;
    }

    /**
     * Runs the subclass's opening step (a printer and its header, a generator); when it fails, the temporary file is
     * dropped and an I/O error becomes a {@link DataException} naming the file.
     */
    protected final <T> T opening(IoStep<T> step) {
        try {
            return step.run();
        } catch (IOException e) {
            abort();
            throw new DataException("Cannot write " + path + ": " + describe(e)
                    + ". Check that the disk has room and the folder is writable.", e);
        } catch (RuntimeException e) {
            abort();
            throw e;
        }
    }

    /** The stream the subclass writes to (the temporary file). */
    protected final OutputStream output() {
        return out;
    }

    /** Writes the rows of a batch already checked against the schema; {@code firstRow} is its 0-based position. */
    protected abstract void writeRows(Frame batch, long firstRow) throws IOException;

    /** Flushes what the subclass buffers (the stream itself is closed here afterwards). */
    protected abstract void flush() throws IOException;

    @Override
    public final void write(Frame batch) {
        if (state != State.OPEN) {
            throw new IllegalStateException("This writer of " + path + " is " + state.name().toLowerCase(
                    java.util.Locale.ROOT) + "; open the sink again to write more");
        }
        checkColumns(batch);
        try {
            writeRows(batch, rows);
        } catch (IOException e) {
            abortAfterFailure();
            throw new DataException("Cannot write " + path + ": " + describe(e)
                    + ". Check that the disk has room and the file is writable.", e);
        } catch (RuntimeException | Error e) {
            abortAfterFailure();
            throw e;
        }
        rows += batch.rowCount();
    }

    @Override
    public final long rowCount() {
        return rows;
    }

    @Override
    public final void abort() {
        if (state == State.OPEN) {
            state = State.ABORTED;
            discard();
        }
    }

    @Override
    public final void close() {
        if (state != State.OPEN) {
            return;
        }
        state = State.CLOSED;
        try {
            flush();
            out.close();
            try {
                Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            discard();
            throw new DataException("Cannot finish " + path + ": " + describe(e)
                    + ". Check that the disk has room and the folder is writable; the file was not changed.", e);
        }
    }

    /**
     * Refuses text that the output's character set cannot hold (a lone UTF-16 surrogate in UTF-8, a character outside
     * ISO-8859-1, ...), which an encoder would otherwise replace by {@code ?} without a word.
     *
     * @param line the 1-based record in the output, for the message
     */
    protected final void checkEncodable(String text, String column, long line) {
        boolean ok;
        if (encoder == null) {
            ok = !hasLoneSurrogate(text);
        } else {
            ok = encoder.canEncode(text);
        }
        if (!ok) {
            throw new DataException("Text that " + (encoder == null ? "UTF-8" : encoder.charset().name())
                    + " cannot encode", path.toString(), line, column, text,
                    encoder == null ? "valid Unicode text (a UTF-16 surrogate appears without its pair)"
                            : "characters of " + encoder.charset().name(),
                    "Fix the value" + (encoder == null ? "" : " or write UTF-8") + "; the file was not written.",
                    null);
        }
    }

    private static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private void checkColumns(Frame batch) {
        List<Column> columns = batch.columns();
        boolean same = columns.size() == schema.size();
        for (int i = 0; same && i < columns.size(); i++) {
            Field f = schema.field(i);
            same = columns.get(i).name().equals(f.name()) && columns.get(i).type() == f.type();
        }
        if (!same) {
            throw new IllegalArgumentException("A batch written to " + path + " has the columns "
                    + describe(batch.schema()) + ", but the writer was opened for " + describe(schema)
                    + "; select and cast the columns to match");
        }
    }

    private static String describe(Schema s) {
        StringBuilder b = new StringBuilder("[");
        for (Field f : s.fields()) {
            b.append(b.length() > 1 ? ", " : "").append(f.name()).append(' ')
                    .append(f.type().name().toLowerCase(java.util.Locale.ROOT));
        }
        return b.append(']').toString();
    }

    private static String describe(IOException e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
    }

    private void abortAfterFailure() {
        state = State.FAILED;
        discard();
    }

    private void discard() {
        Inputs.closeQuietly(out);
        deleteQuietly(temp);
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // the temporary file stays behind; the target is untouched either way
            }
        }
    }
}
