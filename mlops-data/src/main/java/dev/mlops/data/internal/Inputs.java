package dev.mlops.data.internal;

import dev.mlops.api.DataException;
import dev.mlops.api.IngestReport;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.zip.GZIPInputStream;

/** Opens byte input for text readers: gzip detected by its magic bytes, a UTF-8 byte-order mark skipped. */
public final class Inputs {
    private static final int BUFFER = 1 << 16;

    private Inputs() {
    }

    /** Something that opens a fresh byte stream each time it is asked, e.g. a path or a URL. */
    @FunctionalInterface
    public interface ByteSource {
        /** Opens the stream; the caller closes it. */
        InputStream open() throws IOException;
    }

    /**
     * Opens the source for reading as text: decompressed when it starts with the gzip magic bytes, with a UTF-8
     * byte-order mark skipped, decoded by a {@link ReportingReader}. Each decision is noted in the report.
     *
     * @throws DataException when the source cannot be opened
     */
    public static ReportingReader openText(ByteSource source, String name, Charset charset,
            IngestReport.Builder report) {
        InputStream in = null;
        try {
            in = openBytes(source, name, report);
            if (charset.equals(StandardCharsets.UTF_8)) {
                in.mark(3);
                byte[] bom = in.readNBytes(3);
                if (bom.length == 3 && (bom[0] & 0xff) == 0xEF && (bom[1] & 0xff) == 0xBB && (bom[2] & 0xff) == 0xBF) {
                    report.note("skipped a UTF-8 byte-order mark at the start of the input");
                } else {
                    in.reset();
                }
            }
            return new ReportingReader(in, charset);
        } catch (IOException e) {
            closeQuietly(in);
            throw new DataException("Cannot read " + name + ": " + e.getMessage()
                    + ". Check that the file exists and is readable.", e);
        }
    }

    /** Opens the raw bytes, decompressing gzip (detected by its magic bytes). */
    public static BufferedInputStream openBytes(ByteSource source, String name, IngestReport.Builder report)
            throws IOException {
        InputStream raw = source.open();
        if (raw == null) {
            throw new IOException("no such resource");
        }
        BufferedInputStream in = new BufferedInputStream(raw, BUFFER);
        try {
            in.mark(2);
            int b0 = in.read();
            int b1 = in.read();
            in.reset();
            if (b0 == 0x1f && b1 == 0x8b) {
                report.note("gzip input detected by its magic bytes; decompressed while reading");
                return new BufferedInputStream(new GZIPInputStream(in, BUFFER), BUFFER);
            }
            return in;
        } catch (IOException e) {
            closeQuietly(in);
            throw e;
        }
    }

    /**
     * Checks an options record's encoding name.
     *
     * @throws IllegalArgumentException naming the encoding when Java does not know it
     */
    public static void checkEncoding(String encoding) {
        try {
            Charset.forName(encoding);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new IllegalArgumentException("Unknown encoding '" + encoding + "'; use a name such as UTF-8 or"
                    + " ISO-8859-1", e);
        }
    }

    /** Closes, ignoring a failure: used on paths that already report one. */
    public static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // already failing for a better reason
            }
        }
    }
}
