package dev.mlops.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A categorical column stored as {@code int} codes into a dictionary of distinct labels. Missing values have code
 * {@value #MISSING_CODE}. Row selections share the dictionary, so it may hold labels no row uses.
 *
 * <p>Immutable and thread-safe.
 */
public final class CategoricalColumn extends Column {
    /** The code of a missing value. */
    public static final int MISSING_CODE = -1;

    private final int[] codes;
    private final List<String> dictionary;

    CategoricalColumn(Field field, int[] codes, List<String> dictionary, BitSet missing) {
        super(field, codes.length, missing);
        this.codes = codes;
        this.dictionary = dictionary;
    }

    /** A nullable categorical feature column of these labels; a null element is missing. */
    public static CategoricalColumn of(String name, String... labels) {
        Builder b = builder(Field.categorical(name), labels.length);
        for (String label : labels) {
            b.add(label);
        }
        return b.build();
    }

    /**
     * A column of existing codes into a dictionary (both copied).
     *
     * @throws IllegalArgumentException when a code is outside the dictionary or the dictionary repeats a label
     */
    public static CategoricalColumn fromCodes(Field field, int[] codes, List<String> dictionary) {
        if (field.type() != FieldType.CATEGORICAL) {
            throw new IllegalArgumentException("A CategoricalColumn needs a CATEGORICAL field; '" + field.name()
                    + "' is " + field.type());
        }
        List<String> dict = List.copyOf(dictionary);
        if (new java.util.HashSet<>(dict).size() != dict.size()) {
            throw new IllegalArgumentException("The dictionary of '" + field.name() + "' repeats a label: " + dict);
        }
        BitSet missing = null;
        for (int i = 0; i < codes.length; i++) {
            int c = codes[i];
            if (c == MISSING_CODE) {
                if (missing == null) {
                    missing = new BitSet();
                }
                missing.set(i);
            } else if (c < 0 || c >= dict.size()) {
                throw new IllegalArgumentException("Code " + c + " at row " + i + " of '" + field.name()
                        + "' is outside its dictionary of " + dict.size() + " labels");
            }
        }
        return new CategoricalColumn(field, codes.clone(), dict, missing);
    }

    /** A builder for a column under a CATEGORICAL field, sized for about {@code expectedRows}. */
    public static Builder builder(Field field, int expectedRows) {
        return new Builder(field, expectedRows);
    }

    /** A builder for a nullable categorical feature column. */
    public static Builder builder(String name) {
        return builder(Field.categorical(name), 16);
    }

    /** The dictionary code at a row, {@value #MISSING_CODE} when missing. */
    public int code(int row) {
        return codes[row];
    }

    /** The label at a row, or null when missing. */
    public String getString(int row) {
        int c = codes[row];
        return c == MISSING_CODE ? null : dictionary.get(c);
    }

    /** The distinct labels; a code indexes this list. */
    public List<String> dictionary() {
        return dictionary;
    }

    /** A copy of the codes. */
    public int[] toCodes() {
        return codes.clone();
    }

    /** The count of each code in this column, indexed by code. */
    public int[] codeCounts() {
        int[] counts = new int[dictionary.size()];
        for (int c : codes) {
            if (c != MISSING_CODE) {
                counts[c]++;
            }
        }
        return counts;
    }

    @Override
    public String value(int row) {
        java.util.Objects.checkIndex(row, size);
        return getString(row);
    }

    @Override
    public CategoricalColumn select(int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = codes[rows[i]];
        }
        return new CategoricalColumn(field, out, dictionary, selectMissing(missing, rows));
    }

    @Override
    public CategoricalColumn slice(int from, int to) {
        checkSlice(from, to, size);
        return new CategoricalColumn(field, Arrays.copyOfRange(codes, from, to), dictionary,
                sliceMissing(missing, from, to));
    }

    @Override
    public CategoricalColumn withField(Field newField) {
        checkSameType(newField);
        return newField.equals(field) ? this : new CategoricalColumn(newField, codes, dictionary, missing);
    }

    @Override
    Column append(List<Column> others) {
        Field merged = mergedField(this, others);
        List<String> dict = new ArrayList<>(dictionary);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < dict.size(); i++) {
            index.put(dict.get(i), i);
        }
        int total = size + others.stream().mapToInt(Column::size).sum();
        int[] out = Arrays.copyOf(codes, total);
        int offset = size;
        for (Column c : others) {
            CategoricalColumn other = (CategoricalColumn) c;
            int[] remap = new int[other.dictionary.size()];
            for (int i = 0; i < remap.length; i++) {
                String label = other.dictionary.get(i);
                Integer code = index.get(label);
                if (code == null) {
                    code = dict.size();
                    dict.add(label);
                    index.put(label, code);
                }
                remap[i] = code;
            }
            for (int i = 0; i < other.size; i++) {
                int code = other.codes[i];
                out[offset + i] = code == MISSING_CODE ? MISSING_CODE : remap[code];
            }
            offset += other.size;
        }
        return new CategoricalColumn(merged, out, List.copyOf(dict), appendMissing(this, others));
    }

    @Override
    void digestValues(DigestSink sink) {
        // Canonical form: labels numbered in order of first appearance, so neither the dictionary's order nor
        // its unused labels change the fingerprint.
        int[] canonical = new int[dictionary.size()];
        Arrays.fill(canonical, -1);
        List<String> order = new ArrayList<>();
        for (int c : codes) {
            if (c == MISSING_CODE) {
                sink.putInt(-1);
                continue;
            }
            if (canonical[c] < 0) {
                canonical[c] = order.size();
                order.add(dictionary.get(c));
            }
            sink.putInt(canonical[c]);
        }
        sink.putInt(order.size());
        for (String label : order) {
            sink.putString(label);
        }
    }

    /** Collects labels for a {@link CategoricalColumn}. Not thread-safe; {@link #build()} hands the storage over, once. */
    public static final class Builder {
        private final Field field;
        private final Map<String, Integer> index = new HashMap<>();
        private final List<String> dictionary = new ArrayList<>();
        private int[] codes;
        private BitSet missing;
        private int size;

        Builder(Field field, int expectedRows) {
            if (field.type() != FieldType.CATEGORICAL) {
                throw new IllegalArgumentException("A CategoricalColumn needs a CATEGORICAL field; '" + field.name()
                        + "' is " + field.type());
            }
            this.field = field;
            this.codes = new int[Math.max(expectedRows, 4)];
        }

        /** Appends a label; null appends a missing value. */
        public Builder add(String label) {
            if (codes == null) {
                throw new IllegalStateException("This builder of '" + field.name()
                        + "' was already built; start a new builder for more values");
            }
            if (size == codes.length) {
                codes = Arrays.copyOf(codes, size + (size >> 1) + 1);
            }
            if (label == null) {
                if (missing == null) {
                    missing = new BitSet();
                }
                missing.set(size);
                codes[size++] = MISSING_CODE;
                return this;
            }
            Integer code = index.get(label);
            if (code == null) {
                code = dictionary.size();
                dictionary.add(label);
                index.put(label, code);
            }
            codes[size++] = code;
            return this;
        }

        /** Appends a missing value. */
        public Builder addMissing() {
            return add(null);
        }

        /** The number of values so far. */
        public int size() {
            return size;
        }

        /** The number of distinct labels so far. */
        public int cardinality() {
            return dictionary.size();
        }

        /** The column of the labels so far. */
        public CategoricalColumn build() {
            if (codes == null) {
                throw new IllegalStateException("This builder of '" + field.name()
                        + "' was already built; start a new builder for more values");
            }
            int[] out = size == codes.length ? codes : Arrays.copyOf(codes, size);
            codes = null;
            return new CategoricalColumn(field, out, List.copyOf(dictionary), missing);
        }
    }
}
