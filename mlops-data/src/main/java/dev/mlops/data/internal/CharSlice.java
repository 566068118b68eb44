package dev.mlops.data.internal;

/**
 * A reusable view of a range of a {@code char[]}, so that cells can be parsed where they lie in the read buffer
 * without a {@code String} per cell. Not thread-safe; valid until the buffer is refilled.
 */
public final class CharSlice implements CharSequence {
    private char[] chars;
    private int from;
    private int length;

    /** Points the view at {@code chars[from, to)}. */
    public CharSlice set(char[] buffer, int start, int end) {
        this.chars = buffer;
        this.from = start;
        this.length = end - start;
        return this;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        return chars[from + index];
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new String(chars, from + start, end - start);
    }

    @Override
    public String toString() {
        return new String(chars, from, length);
    }
}
