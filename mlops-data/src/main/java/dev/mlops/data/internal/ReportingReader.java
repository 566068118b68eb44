package dev.mlops.data.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

/**
 * Decodes bytes to characters like {@link java.io.InputStreamReader}, but counts every malformed or unmappable
 * byte sequence instead of replacing it silently. Each one still becomes U+FFFD in the text (so a parser can go
 * on), and a reader that sees {@link #malformedCount()} grow looks for U+FFFD in the rows it reads next and
 * rejects them as invalid encoding.
 *
 * <p>Not thread-safe.
 */
public final class ReportingReader extends Reader {
    /** The character that stands in for an undecodable byte sequence. */
    public static final char REPLACEMENT = '\uFFFD';

    private final InputStream in;
    private final CharsetDecoder decoder;
    private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
    private final CharBuffer chars = CharBuffer.allocate(1 << 16);
    private boolean endOfInput;
    private boolean flushed;
    private long malformed;

    /** Decodes {@code in} as {@code charset}. */
    public ReportingReader(InputStream in, Charset charset) {
        this.in = in;
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        bytes.flip();
        chars.flip();
    }

    /** How many undecodable byte sequences were met so far. */
    public long malformedCount() {
        return malformed;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!chars.hasRemaining() && !fill()) {
            return -1;
        }
        int n = Math.min(len, chars.remaining());
        chars.get(buf, off, n);
        return n;
    }

    @Override
    public int read() throws IOException {
        if (!chars.hasRemaining() && !fill()) {
            return -1;
        }
        return chars.get();
    }

    private boolean fill() throws IOException {
        chars.clear();
        try {
            while (chars.position() == 0) {
                if (flushed) {
                    return false;
                }
                CoderResult r = decoder.decode(bytes, chars, endOfInput);
                if (r.isError()) {
                    if (!chars.hasRemaining()) {
                        break;
                    }
                    malformed++;
                    chars.put(REPLACEMENT);
                    bytes.position(bytes.position() + r.length());
                } else if (r.isUnderflow()) {
                    if (endOfInput) {
                        decoder.flush(chars);
                        flushed = true;
                    } else if (chars.position() == 0) {
                        bytes.compact();
                        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                        if (n < 0) {
                            endOfInput = true;
                        } else {
                            bytes.position(bytes.position() + n);
                        }
                        bytes.flip();
                    }
                } else {
                    break; // overflow: the buffer is full
                }
            }
        } finally {
            chars.flip();
        }
        return chars.hasRemaining();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
