package dev.mlops.data.internal;

import java.util.Arrays;

/**
 * Turns a label lying in a {@code char[]} into a {@code String}, handing back the same instance for the same
 * characters: a categorical column of a million rows and twenty labels makes twenty strings, not a million, and
 * their cached hash codes make the dictionary lookup cheap. Stops caching past {@value #MAX_ENTRIES} labels (the
 * column is then more text than category). Not thread-safe.
 */
public final class LabelCache {
    private static final int MAX_ENTRIES = 1 << 16;

    private String[] table = new String[64];
    private int[] hashes = new int[64];
    private int size;

    /** The string of {@code chars[from, to)}, shared with earlier calls for the same characters. */
    public String get(char[] chars, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + chars[i];
        }
        int mask = table.length - 1;
        int slot = mix(h) & mask;
        int len = to - from;
        while (true) {
            String s = table[slot];
            if (s == null) {
                break;
            }
            if (hashes[slot] == h && s.length() == len && same(s, chars, from)) {
                return s;
            }
            slot = (slot + 1) & mask;
        }
        String s = new String(chars, from, len);
        if (size >= MAX_ENTRIES) {
            return s;
        }
        table[slot] = s;
        hashes[slot] = h;
        if (++size * 2 > table.length) {
            grow();
        }
        return s;
    }

    private static boolean same(String s, char[] chars, int from) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) != chars[from + i]) {
                return false;
            }
        }
        return true;
    }

    private static int mix(int h) {
        return h ^ (h >>> 16) ^ (h >>> 7);
    }

    private void grow() {
        String[] oldTable = table;
        int[] oldHashes = hashes;
        table = new String[oldTable.length * 2];
        hashes = new int[oldTable.length * 2];
        Arrays.fill(hashes, 0);
        int mask = table.length - 1;
        for (int i = 0; i < oldTable.length; i++) {
            if (oldTable[i] != null) {
                int slot = mix(oldHashes[i]) & mask;
                while (table[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                table[slot] = oldTable[i];
                hashes[slot] = oldHashes[i];
            }
        }
    }
}
