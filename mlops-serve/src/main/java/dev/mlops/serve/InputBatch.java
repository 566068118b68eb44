package dev.mlops.serve;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import dev.mlops.api.BooleanColumn;
import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Frame;
import dev.mlops.api.LongColumn;
import dev.mlops.api.TextColumn;
import dev.mlops.api.model.ElementType;
import dev.mlops.api.model.ModelSignature;
import dev.mlops.api.model.TensorSpec;
import dev.mlops.serve.PredictionException.Reason;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validated model inputs for some rows, one primitive array per signature input ({@code float[]}, {@code double[]},
 * {@code long[]}, {@code int[]}, {@code String[]} or {@code boolean[]}, of {@code rows * width} values).
 *
 * <p>A numeric input taken from a frame's {@link DoubleColumn} is not copied into an array: the batch keeps the
 * (immutable) column, already validated, and {@link #createTensors} writes its values straight into the direct
 * buffer ONNX Runtime reads. The array is built only when something needs it (a batch concatenation, a listener's
 * frame, a cache key). Immutable in content; safe to hand to another thread.
 */
final class InputBatch {
    private final ModelSignature signature;
    private final int rows;
    /** One array per input; null where {@link #columns} holds the input instead (until materialized). */
    private final Object[] data;
    /** Frame columns fed without a copy, per input; null when every input is an array. */
    private final DoubleColumn[] columns;

    private InputBatch(ModelSignature signature, int rows, Object[] data) {
        this(signature, rows, data, null);
    }

    private InputBatch(ModelSignature signature, int rows, Object[] data, DoubleColumn[] columns) {
        this.signature = signature;
        this.rows = rows;
        this.data = data;
        this.columns = columns;
    }

    /** The array of input {@code i}, built from its frame column on first use. */
    private Object data(int i) {
        if (columns == null || columns[i] == null) {
            return data[i];
        }
        synchronized (data) {
            if (data[i] == null) {
                TensorSpec spec = signature.inputs().get(i);
                Object array = allocate(spec.type(), rows);
                if (array instanceof float[] f) {
                    toFloats(columns[i], f, rows);
                } else {
                    columns[i].copyTo(0, (double[]) array, 0, rows);
                }
                data[i] = array;
            }
            return data[i];
        }
    }

    int rows() {
        return rows;
    }

    ModelSignature signature() {
        return signature;
    }

    static int width(TensorSpec spec) {
        long w = spec.valuesPerRow();
        return w < 1 ? 1 : (int) w;
    }

    /** One row of zeros (empty strings, false): for warming a session up. */
    static InputBatch synthetic(ModelSignature signature) {
        Object[] data = new Object[signature.inputs().size()];
        for (int i = 0; i < data.length; i++) {
            TensorSpec spec = signature.inputs().get(i);
            data[i] = allocate(spec.type(), width(spec));
            if (data[i] instanceof String[] s) {
                Arrays.fill(s, "");
            }
        }
        return new InputBatch(signature, 1, data);
    }

    /** Validates records against the signature and converts them. */
    static InputBatch fromRecords(ModelSignature signature, List<? extends Map<String, ?>> records) {
        int rows = records.size();
        List<TensorSpec> inputs = signature.inputs();
        Object[] data = new Object[inputs.size()];
        for (int i = 0; i < inputs.size(); i++) {
            data[i] = allocate(inputs.get(i).type(), rows * width(inputs.get(i)));
        }
        for (int r = 0; r < rows; r++) {
            Map<String, ?> record = records.get(r);
            if (record.size() != inputs.size() || !containsAll(record, inputs)) {
                checkNames(signature, record, r, rows);
            }
            for (int i = 0; i < inputs.size(); i++) {
                TensorSpec spec = inputs.get(i);
                Object v = record.get(spec.name());
                if (v == null && !record.containsKey(spec.name())) {
                    checkNames(signature, record, r, rows);
                }
                put(spec, data[i], r, width(spec), v, rows == 1 ? "" : " in record " + r);
            }
        }
        return new InputBatch(signature, rows, data);
    }

    private static boolean containsAll(Map<String, ?> record, List<TensorSpec> inputs) {
        for (TensorSpec t : inputs) {
            if (!record.containsKey(t.name())) {
                return false;
            }
        }
        return true;
    }

    private static void checkNames(ModelSignature signature, Map<String, ?> record, int r, int rows) {
        String where = rows == 1 ? "" : " in record " + r;
        for (TensorSpec t : signature.inputs()) {
            if (!record.containsKey(t.name())) {
                throw new PredictionException(Reason.MISSING_INPUT, t.name(), "the model needs input '" + t.name()
                        + "' (" + t.type() + ")" + where + " but the request lacks it; the request has "
                        + record.keySet());
            }
        }
        for (String k : record.keySet()) {
            if (signature.input(k).isEmpty()) {
                throw new PredictionException(Reason.UNEXPECTED_INPUT, k, "the model has no input '" + k + "'"
                        + where + "; its inputs are " + signature.inputs().stream().map(TensorSpec::name).toList()
                        + ". Remove the field or check its spelling.");
            }
        }
    }

    private static void put(TensorSpec spec, Object array, int row, int width, Object v, String where) {
        if (v == null) {
            if (spec.nullable() && spec.type().isFloatingPoint()) {
                for (int k = 0; k < width; k++) {
                    setDouble(array, row * width + k, Double.NaN);
                }
                return;
            }
            if (spec.nullable() && spec.type() == ElementType.STRING) {
                Arrays.fill((String[]) array, row * width, row * width + width, "");
                return;
            }
            throw new PredictionException(Reason.MISSING_VALUE, spec.name(), "input '" + spec.name() + "'" + where
                    + " is null but the model does not accept missing values there; give a "
                    + spec.type() + " value");
        }
        if (width > 1 || v.getClass().isArray()) {
            putArray(spec, array, row, width, v, where);
            return;
        }
        putScalar(spec, array, row, v, where);
    }

    private static void putScalar(TensorSpec spec, Object array, int index, Object v, String where) {
        switch (spec.type()) {
            case FLOAT, DOUBLE -> {
                if (!(v instanceof Number n)) {
                    throw wrongType(spec, v, where);
                }
                double d = n.doubleValue();
                if (Double.isNaN(d) && !spec.nullable()) {
                    throw new PredictionException(Reason.NAN_NOT_ALLOWED, spec.name(), "input '" + spec.name() + "'"
                            + where + " is NaN but the signature does not allow missing values there; impute it "
                            + "or send a number");
                }
                setDouble(array, index, d);
                if (!spec.acceptsInfinity() && Double.isInfinite(getDouble(array, index))) {
                    throw infinite(spec, d, where);
                }
            }
            case INT64, INT32 -> {
                if (!(v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte)) {
                    throw wrongType(spec, v, where);
                }
                long l = ((Number) v).longValue();
                if (array instanceof long[] a) {
                    a[index] = l;
                } else {
                    if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
                        throw new PredictionException(Reason.WRONG_TYPE, spec.name(), "input '" + spec.name() + "'"
                                + where + " is " + l + ", outside the INT32 range of the model");
                    }
                    ((int[]) array)[index] = (int) l;
                }
            }
            case STRING -> {
                if (!(v instanceof CharSequence s)) {
                    throw wrongType(spec, v, where);
                }
                ((String[]) array)[index] = s.toString();
            }
            case BOOL -> {
                if (!(v instanceof Boolean b)) {
                    throw wrongType(spec, v, where);
                }
                ((boolean[]) array)[index] = b;
            }
        }
    }

    private static void putArray(TensorSpec spec, Object array, int row, int width, Object v, String where) {
        int length = v.getClass().isArray() ? java.lang.reflect.Array.getLength(v) : 1;
        if (length != width || !v.getClass().isArray()) {
            throw new PredictionException(Reason.WRONG_SHAPE, spec.name(), "input '" + spec.name() + "'" + where
                    + " has shape " + spec.shape() + ", so it takes " + width + " value(s) per row, but got "
                    + (v.getClass().isArray() ? "an array of " + length : "a single " + v.getClass().getSimpleName()));
        }
        for (int k = 0; k < width; k++) {
            putScalar(spec, array, row * width + k, java.lang.reflect.Array.get(v, k), where);
        }
    }

    private static PredictionException wrongType(TensorSpec spec, Object v, String where) {
        String expected = switch (spec.type()) {
            case FLOAT, DOUBLE -> "a number";
            case INT64, INT32 -> "a whole number (Long or Integer)";
            case STRING -> "a string";
            case BOOL -> "a boolean";
        };
        return new PredictionException(Reason.WRONG_TYPE, spec.name(), "input '" + spec.name() + "'" + where
                + " must be " + expected + " (" + spec.type() + ") but is " + v.getClass().getSimpleName() + " '"
                + v + "'");
    }

    private static PredictionException infinite(TensorSpec spec, double value, String where) {
        String what = Double.isInfinite(value) ? String.valueOf(value)
                : value + ", which overflows the model's " + spec.type() + " to " + (value > 0 ? "+" : "-") + "Infinity";
        return new PredictionException(Reason.INFINITY_NOT_ALLOWED, spec.name(), "input '" + spec.name() + "'" + where
                + " is " + what + " but the model does not accept infinities there (its preprocessing was fitted on "
                + "finite values); send a finite number, capped to the range seen in training, or null where the "
                + "input accepts missing values");
    }

    private static double getDouble(Object array, int index) {
        return array instanceof float[] f ? f[index] : ((double[]) array)[index];
    }

    private static void setDouble(Object array, int index, double d) {
        if (array instanceof float[] f) {
            f[index] = (float) d;
        } else {
            ((double[]) array)[index] = d;
        }
    }

    /** Converts the columns of a frame named like the inputs; other columns are ignored. */
    static InputBatch fromFrame(ModelSignature signature, Frame frame) {
        int rows = frame.rowCount();
        List<TensorSpec> inputs = signature.inputs();
        Object[] data = new Object[inputs.size()];
        DoubleColumn[] columns = null;
        double[] finiteSum = null; // the infinity test of the numeric columns, taken together
        for (int i = 0; i < inputs.size(); i++) {
            TensorSpec spec = inputs.get(i);
            if (!frame.hasColumn(spec.name())) {
                throw new PredictionException(Reason.MISSING_INPUT, spec.name(), "the model needs input '"
                        + spec.name() + "' (" + spec.type() + ") but the frame has no such column; its columns are "
                        + frame.columnNames());
            }
            if (width(spec) != 1) {
                throw new PredictionException(Reason.WRONG_SHAPE, spec.name(), "input '" + spec.name()
                        + "' has shape " + spec.shape() + " but a frame column gives one value per row; predict "
                        + "records with arrays instead");
            }
            Column column = frame.column(spec.name());
            if (column instanceof DoubleColumn d && spec.type().isFloatingPoint()) {
                if (columns == null) {
                    columns = new DoubleColumn[inputs.size()];
                }
                columns[i] = d;
                if (inFiniteSum(spec, d)) {
                    boolean first = finiteSum == null;
                    if (first) {
                        finiteSum = new double[rows];
                    }
                    addToFiniteSum(finiteSum, d, rows, first,
                            spec.type() == ElementType.FLOAT ? FLOAT_RANGE_SCALE : 1.0);
                } else {
                    check(spec, d, rows);
                }
            } else {
                data[i] = fromColumn(spec, column, rows);
            }
        }
        if (finiteSum != null && !allZero(finiteSum)) {
            for (int i = 0; i < inputs.size(); i++) { // an infinity (or a near one) somewhere: find it, say where
                if (columns[i] != null) {
                    check(inputs.get(i), columns[i], rows);
                }
            }
        }
        return new InputBatch(signature, rows, data, columns);
    }

    /**
     * Whether a column is checked through {@link #addToFiniteSum}: one that must hold no infinity and has no missing
     * cell. A {@code DoubleColumn} holds NaN exactly where a cell is missing, so such a column holds no NaN either and
     * a non-zero sum can only be an infinity (or, for a FLOAT input, a value near the float range). Columns with
     * missing cells (NaN told from infinity) and inputs taking infinities go by {@link #check}.
     */
    private static boolean inFiniteSum(TensorSpec spec, DoubleColumn d) {
        return !spec.acceptsInfinity() && d.missingCount() == 0;
    }

    /**
     * The factor that makes a value the FLOAT input cannot hold overflow a double: {@code v * 2^897} is infinite
     * exactly when {@code |v|} exceeds about 2^127, a little below the float range (2^128), so every overflow of the
     * float is caught and a value between the two only sends the column to the exact {@link #check}.
     */
    private static final double FLOAT_RANGE_SCALE = Math.scalb(1.0, 897);

    /**
     * Adds {@code x - x}, with {@code x = v * scale}, of every value into {@code sum} (or sets it, for the first
     * column): exactly 0 for a finite {@code x}, NaN for an infinite one, so one zero test of the sums clears all
     * the columns at once. The scale is 1 for a DOUBLE input and {@link #FLOAT_RANGE_SCALE} for a FLOAT one. Both
     * arrays at the same index, so the JIT vectorizes the loop; a test per value with a running flag it does not
     * (2.6 against 6.3 us for 20 x 1024 values).
     */
    private static void addToFiniteSum(double[] sum, DoubleColumn d, int rows, boolean first, double scale) {
        if (first) {
            for (int r = 0; r < rows; r++) {
                double x = d.getDouble(r) * scale;
                sum[r] = x - x;
            }
        } else {
            for (int r = 0; r < rows; r++) {
                double x = d.getDouble(r) * scale;
                sum[r] += x - x;
            }
        }
    }

    private static boolean allZero(double[] sum) {
        boolean nonZero = false;
        for (double v : sum) {
            nonZero |= v != 0; // NaN != 0 too
        }
        return !nonZero;
    }

    /** The largest double that a cast to float keeps finite (the next one up rounds to infinity). */
    private static final double FLOAT_LIMIT = Math.nextDown((double) Float.MAX_VALUE + Math.ulp(Float.MAX_VALUE) / 2);

    /**
     * The checks {@link #fromColumn} makes on a numeric column, on the column itself: NaN where the input takes no
     * missing values, and infinities (including a double that overflows a FLOAT input) where it takes none.
     */
    private static void check(TensorSpec spec, DoubleColumn d, int rows) {
        boolean nanOk = spec.nullable();
        boolean infOk = spec.acceptsInfinity();
        if (nanOk && infOk) {
            return;
        }
        boolean toFloat = spec.type() == ElementType.FLOAT;
        // One branch-free pass for the common case (every value fine); the detailed scan below only on a hit.
        double limit = toFloat ? FLOAT_LIMIT : Double.MAX_VALUE;
        boolean bad = false;
        for (int r = 0; r < rows; r++) {
            bad |= !(Math.abs(d.getDouble(r)) <= limit); // NaN, infinite, or beyond the float range
        }
        if (!bad) {
            return;
        }
        int nan = -1;
        int infinite = -1;
        for (int r = 0; r < rows; r++) {
            double v = d.getDouble(r);
            double fed = toFloat ? (float) v : v;
            if (fed - fed != 0) { // NaN or infinite, rare: sort out which below
                if (v != v) {
                    if (!nanOk && nan < 0) {
                        nan = r;
                    }
                } else if (!infOk && infinite < 0) {
                    infinite = r;
                }
            }
        }
        if (nan >= 0) {
            throw new PredictionException(Reason.NAN_NOT_ALLOWED, spec.name(), "column '" + spec.name()
                    + "' is missing (NaN) at row " + nan + " but the signature does not allow missing "
                    + "values there; impute it first");
        }
        if (infinite >= 0) {
            throw infinite(spec, d.getDouble(infinite), " at row " + infinite);
        }
    }

    private static Object fromColumn(TensorSpec spec, Column column, int rows) {
        Object array = allocate(spec.type(), rows);
        switch (spec.type()) {
            case FLOAT, DOUBLE -> {
                if (column instanceof DoubleColumn d) {
                    if (array instanceof float[] f) {
                        toFloats(d, f, rows);
                    } else {
                        d.copyTo(0, (double[]) array, 0, rows);
                    }
                } else if (column instanceof LongColumn l) {
                    for (int r = 0; r < rows; r++) {
                        setDouble(array, r, l.isMissing(r) ? Double.NaN : l.getLong(r));
                    }
                } else if (column instanceof BooleanColumn b) {
                    for (int r = 0; r < rows; r++) {
                        setDouble(array, r, b.isMissing(r) ? Double.NaN : b.getBoolean(r) ? 1 : 0);
                    }
                } else {
                    throw columnType(spec, column);
                }
                int nan = spec.nullable() ? -1 : firstNaN(array, rows);
                if (nan >= 0) {
                    throw new PredictionException(Reason.NAN_NOT_ALLOWED, spec.name(), "column '" + spec.name()
                            + "' is missing (NaN) at row " + nan + " but the signature does not allow missing "
                            + "values there; impute it first");
                }
                int infinite = spec.acceptsInfinity() ? -1 : firstInfinite(array, rows);
                if (infinite >= 0) {
                    double value = column instanceof DoubleColumn d ? d.getDouble(infinite) : getDouble(array, infinite);
                    throw infinite(spec, value, " at row " + infinite);
                }
            }
            case INT64, INT32 -> {
                if (!(column instanceof LongColumn l)) {
                    throw columnType(spec, column);
                }
                for (int r = 0; r < rows; r++) {
                    if (l.isMissing(r)) {
                        throw new PredictionException(Reason.MISSING_VALUE, spec.name(), "column '" + spec.name()
                                + "' is missing at row " + r + "; an integer input cannot hold missing values");
                    }
                    if (array instanceof long[] a) {
                        a[r] = l.getLong(r);
                    } else {
                        ((int[]) array)[r] = Math.toIntExact(l.getLong(r));
                    }
                }
            }
            case STRING -> {
                String[] s = (String[]) array;
                for (int r = 0; r < rows; r++) {
                    String v;
                    if (column instanceof CategoricalColumn c) {
                        v = c.getString(r);
                    } else if (column instanceof TextColumn t) {
                        v = t.getString(r);
                    } else {
                        throw columnType(spec, column);
                    }
                    if (v == null) {
                        if (!spec.nullable()) {
                            throw new PredictionException(Reason.MISSING_VALUE, spec.name(), "column '"
                                    + spec.name() + "' is missing at row " + r + " but the signature does not allow "
                                    + "missing values there (the model's preprocessing does not impute or encode "
                                    + "them); fill it first, or refit with an imputation for it");
                        }
                        v = "";
                    }
                    s[r] = v;
                }
            }
            case BOOL -> {
                if (!(column instanceof BooleanColumn b)) {
                    throw columnType(spec, column);
                }
                boolean[] a = (boolean[]) array;
                for (int r = 0; r < rows; r++) {
                    if (b.isMissing(r)) {
                        throw new PredictionException(Reason.MISSING_VALUE, spec.name(), "column '" + spec.name()
                                + "' is missing at row " + r + "; a boolean input cannot hold missing values");
                    }
                    a[r] = b.getBoolean(r);
                }
            }
        }
        return array;
    }

    private static void toFloats(DoubleColumn d, float[] f, int rows) {
        for (int r = 0; r < rows; r++) {
            f[r] = (float) d.getDouble(r);
        }
    }

    private static int firstInfinite(Object array, int rows) {
        for (int r = 0; r < rows; r++) {
            if (Double.isInfinite(getDouble(array, r))) {
                return r;
            }
        }
        return -1;
    }

    private static int firstNaN(Object array, int rows) {
        if (array instanceof float[] f) {
            for (int r = 0; r < rows; r++) {
                if (f[r] != f[r]) {
                    return r;
                }
            }
        } else {
            double[] d = (double[]) array;
            for (int r = 0; r < rows; r++) {
                if (d[r] != d[r]) {
                    return r;
                }
            }
        }
        return -1;
    }

    private static PredictionException columnType(TensorSpec spec, Column column) {
        return new PredictionException(Reason.WRONG_TYPE, spec.name(), "column '" + spec.name() + "' is "
                + column.type() + " but the model input is " + spec.type() + "; cast the column first");
    }

    private static Object allocate(ElementType type, int n) {
        return switch (type) {
            case FLOAT -> new float[n];
            case DOUBLE -> new double[n];
            case INT64 -> new long[n];
            case INT32 -> new int[n];
            case STRING -> new String[n];
            case BOOL -> new boolean[n];
        };
    }

    /** The batches one after another, as one batch (they share the signature). */
    static InputBatch concat(List<InputBatch> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        ModelSignature signature = parts.get(0).signature;
        int rows = 0;
        for (InputBatch p : parts) {
            rows += p.rows;
        }
        Object[] data = new Object[signature.inputs().size()];
        for (int i = 0; i < data.length; i++) {
            TensorSpec spec = signature.inputs().get(i);
            int w = width(spec);
            Object target = allocate(spec.type(), rows * w);
            int at = 0;
            for (InputBatch p : parts) {
                System.arraycopy(p.data(i), 0, target, at, p.rows * w);
                at += p.rows * w;
            }
            data[i] = target;
        }
        return new InputBatch(signature, rows, data);
    }

    /**
     * Builds one tensor per input into {@code tensors} (in signature order). Numeric inputs go through direct,
     * native-order buffers from {@code scratch}, so ONNX Runtime reads them without another copy. The caller closes
     * the tensors, also when this throws part-way.
     */
    void createTensors(OrtEnvironment env, Scratch scratch, Map<String, OnnxTensor> tensors) throws OrtException {
        List<TensorSpec> inputs = signature.inputs();
        for (int i = 0; i < inputs.size(); i++) {
            TensorSpec spec = inputs.get(i);
            long[] shape = spec.shapeFor(rows);
            DoubleColumn column = columns == null ? null : columns[i];
            if (column != null) {
                tensors.put(spec.name(), columnTensor(env, scratch, i, spec, column, shape));
                continue;
            }
            Object array = data[i];
            OnnxTensor t;
            switch (spec.type()) {
                case FLOAT -> {
                    float[] a = (float[]) array;
                    ByteBuffer b = scratch.buffer(i, a.length * Float.BYTES);
                    b.asFloatBuffer().put(a);
                    t = OnnxTensor.createTensor(env, b.asFloatBuffer(), shape);
                }
                case DOUBLE -> {
                    double[] a = (double[]) array;
                    ByteBuffer b = scratch.buffer(i, a.length * Double.BYTES);
                    b.asDoubleBuffer().put(a);
                    t = OnnxTensor.createTensor(env, b.asDoubleBuffer(), shape);
                }
                case INT64 -> {
                    long[] a = (long[]) array;
                    ByteBuffer b = scratch.buffer(i, a.length * Long.BYTES);
                    b.asLongBuffer().put(a);
                    t = OnnxTensor.createTensor(env, b.asLongBuffer(), shape);
                }
                case INT32 -> {
                    int[] a = (int[]) array;
                    ByteBuffer b = scratch.buffer(i, a.length * Integer.BYTES);
                    b.asIntBuffer().put(a);
                    t = OnnxTensor.createTensor(env, b.asIntBuffer(), shape);
                }
                case BOOL -> {
                    boolean[] a = (boolean[]) array;
                    ByteBuffer b = scratch.buffer(i, a.length);
                    for (boolean v : a) {
                        b.put((byte) (v ? 1 : 0));
                    }
                    b.rewind();
                    t = OnnxTensor.createTensor(env, b, shape, OnnxJavaType.BOOL);
                }
                case STRING -> t = OnnxTensor.createTensor(env, (String[]) array, shape);
                default -> throw new IllegalStateException("unreachable");
            }
            tensors.put(spec.name(), t);
        }
    }

    /**
     * A FLOAT or DOUBLE tensor written straight from a frame column into a reused direct buffer: DOUBLE in one bulk
     * copy, FLOAT narrowed value by value into the buffer from a small per-thread chunk of the column that stays in
     * L1 (no float array between them: absolute puts cost less than a float chunk and a bulk put, 8.4 against
     * 10 us for 20 columns of 1024).
     */
    private OnnxTensor columnTensor(OrtEnvironment env, Scratch scratch, int slot, TensorSpec spec, DoubleColumn column,
                                    long[] shape) throws OrtException {
        if (spec.type() == ElementType.FLOAT) {
            double[] chunk = scratch.doubles;
            FloatBuffer f = scratch.buffer(slot, rows * Float.BYTES).asFloatBuffer();
            for (int from = 0; from < rows; from += Scratch.CHUNK) {
                int len = Math.min(Scratch.CHUNK, rows - from);
                column.copyTo(from, chunk, 0, len);
                for (int k = 0; k < len; k++) {
                    f.put(from + k, (float) chunk[k]);
                }
            }
            return OnnxTensor.createTensor(env, f, shape);
        }
        DoubleBuffer d = scratch.buffer(slot, rows * Double.BYTES).asDoubleBuffer();
        column.copyTo(0, d, rows); // one bulk copy into native memory
        return OnnxTensor.createTensor(env, d.rewind(), shape);
    }

    /**
     * The inputs as a frame (for prediction listeners): one column per input value. A missing string (fed to the
     * graph as "") is a missing cell again, so a window profile counts it as missing, as the reference profile did.
     */
    Frame toFrame() {
        List<Column> columns = new ArrayList<>();
        List<TensorSpec> inputs = signature.inputs();
        for (int i = 0; i < inputs.size(); i++) {
            TensorSpec spec = inputs.get(i);
            int w = width(spec);
            Object array = data(i);
            Object values = spec.nullable() && array instanceof String[] s ? emptyAsMissing(s) : array;
            for (int k = 0; k < w; k++) {
                String name = w == 1 ? spec.name() : spec.name() + "." + k;
                columns.add(OutputBatch.column(name, values, rows, w, k, null));
            }
        }
        return Frame.of(columns);
    }

    private static String[] emptyAsMissing(String[] s) {
        String[] out = s.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i].isEmpty()) {
                out[i] = null;
            }
        }
        return out;
    }

    /** The values of one row by input name (the key of the request cache). */
    Map<String, Object> rowKey(int row) {
        Map<String, Object> key = new LinkedHashMap<>();
        List<TensorSpec> inputs = signature.inputs();
        for (int i = 0; i < inputs.size(); i++) {
            int w = width(inputs.get(i));
            Object a = data(i);
            key.put(inputs.get(i).name(), w == 1 ? java.lang.reflect.Array.get(a, row)
                    : Arrays.asList(OutputBatch.boxRange(a, row * w, w)));
        }
        return key;
    }

    /** Per-thread direct buffers, reused across calls so building a tensor allocates nothing. */
    static final class Scratch {
        static final int CHUNK = 512;
        final double[] doubles = new double[CHUNK];
        private ByteBuffer[] buffers = new ByteBuffer[4];

        ByteBuffer buffer(int slot, int bytes) {
            if (slot >= buffers.length) {
                buffers = Arrays.copyOf(buffers, Math.max(slot + 1, buffers.length * 2));
            }
            ByteBuffer b = buffers[slot];
            if (b == null || b.capacity() < bytes) {
                b = ByteBuffer.allocateDirect(Math.max(bytes, 64)).order(ByteOrder.nativeOrder());
                buffers[slot] = b;
            }
            b.clear().limit(bytes);
            return b.slice().order(ByteOrder.nativeOrder());
        }
    }
}
