package dev.mlops.serve;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.mlops.api.BooleanColumn;
import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.Column;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Field;
import dev.mlops.api.Frame;
import dev.mlops.api.LongColumn;
import dev.mlops.api.model.ModelSignature;
import dev.mlops.api.model.TensorSpec;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Model outputs for some rows, copied out of ONNX Runtime so the native result can be closed at once: one
 * primitive array of {@code rows * width} values per output. Immutable after construction.
 */
final class OutputBatch {
    private final ModelSignature signature;
    private final int rows;
    private final Object[] data;
    private final int[] widths;

    private OutputBatch(ModelSignature signature, int rows, Object[] data, int[] widths) {
        this.signature = signature;
        this.rows = rows;
        this.data = data;
        this.widths = widths;
    }

    int rows() {
        return rows;
    }

    /** Copies every signature output out of a result (which the caller then closes). */
    static OutputBatch read(ModelSignature signature, OrtSession.Result result, int rows) throws OrtException {
        List<TensorSpec> outputs = signature.outputs();
        Object[] data = new Object[outputs.size()];
        int[] widths = new int[outputs.size()];
        for (int i = 0; i < outputs.size(); i++) {
            String name = outputs.get(i).name();
            OnnxValue value = result.get(name).orElseThrow(() -> new IllegalStateException("ONNX Runtime returned "
                    + "no output '" + name + "'"));
            OnnxTensor t = (OnnxTensor) value;
            long n = t.getInfo().getNumElements();
            Object array = switch (t.getInfo().type) {
                case FLOAT -> {
                    float[] a = new float[(int) n];
                    t.getFloatBuffer().get(a);
                    yield a;
                }
                case DOUBLE -> {
                    double[] a = new double[(int) n];
                    t.getDoubleBuffer().get(a);
                    yield a;
                }
                case INT64 -> {
                    long[] a = new long[(int) n];
                    t.getLongBuffer().get(a);
                    yield a;
                }
                case INT32 -> {
                    int[] a = new int[(int) n];
                    t.getIntBuffer().get(a);
                    yield a;
                }
                case BOOL -> {
                    byte[] b = new byte[(int) n];
                    t.getByteBuffer().get(b);
                    boolean[] a = new boolean[(int) n];
                    for (int k = 0; k < a.length; k++) {
                        a[k] = b[k] != 0;
                    }
                    yield a;
                }
                case STRING -> {
                    String[] a = new String[(int) n];
                    flatten(t.getValue(), a, 0);
                    yield a;
                }
                default -> throw new IllegalStateException("Output '" + name + "' has unsupported type "
                        + t.getInfo().type);
            };
            data[i] = array;
            widths[i] = rows == 0 ? 1 : (int) (n / rows);
        }
        return new OutputBatch(signature, rows, data, widths);
    }

    /**
     * Copies every signature output out of the direct buffers ONNX Runtime wrote them into (pinned outputs, in
     * signature order, each sized for {@code rows}): one bulk copy each.
     */
    static OutputBatch read(ModelSignature signature, ByteBuffer[] buffers, int rows) {
        List<TensorSpec> outputs = signature.outputs();
        Object[] data = new Object[outputs.size()];
        int[] widths = new int[outputs.size()];
        for (int i = 0; i < outputs.size(); i++) {
            ByteBuffer b = buffers[i];
            data[i] = switch (outputs.get(i).type()) {
                case FLOAT -> {
                    float[] a = new float[b.remaining() / Float.BYTES];
                    b.asFloatBuffer().get(a);
                    yield a;
                }
                case DOUBLE -> {
                    double[] a = new double[b.remaining() / Double.BYTES];
                    b.asDoubleBuffer().get(a);
                    yield a;
                }
                case INT64 -> {
                    long[] a = new long[b.remaining() / Long.BYTES];
                    b.asLongBuffer().get(a);
                    yield a;
                }
                case INT32 -> {
                    int[] a = new int[b.remaining() / Integer.BYTES];
                    b.asIntBuffer().get(a);
                    yield a;
                }
                default -> throw new IllegalStateException("Output '" + outputs.get(i).name() + "' of type "
                        + outputs.get(i).type() + " cannot be read from a buffer");
            };
            widths[i] = rows == 0 ? 1 : Array.getLength(data[i]) / rows;
        }
        return new OutputBatch(signature, rows, data, widths);
    }

    private static int flatten(Object nested, String[] into, int at) {
        if (nested instanceof String s) {
            into[at] = s;
            return at + 1;
        }
        int len = Array.getLength(nested);
        for (int k = 0; k < len; k++) {
            at = flatten(Array.get(nested, k), into, at);
        }
        return at;
    }

    /** The outputs of one row as a prediction. */
    Prediction prediction(int row, String model, int version, String requestId) {
        Map<String, Object> values = new LinkedHashMap<>();
        List<TensorSpec> outputs = signature.outputs();
        for (int i = 0; i < outputs.size(); i++) {
            int w = widths[i];
            values.put(outputs.get(i).name(), w == 1 ? scalar(data[i], row) : vector(data[i], row * w, w));
        }
        return new Prediction(model, version, Collections.unmodifiableMap(values), signature.labels(), requestId);
    }

    List<Prediction> predictions(int from, int to, String model, int version, List<String> requestIds) {
        List<Prediction> out = new ArrayList<>(to - from);
        for (int r = from; r < to; r++) {
            out.add(prediction(r, model, version, requestIds.get(r - from)));
        }
        return out;
    }

    private static Object scalar(Object array, int index) {
        if (array instanceof float[] f) {
            return (double) f[index];
        }
        if (array instanceof long[] a) {
            return a[index];
        }
        if (array instanceof int[] a) {
            return (long) a[index];
        }
        if (array instanceof double[] a) {
            return a[index];
        }
        return Array.get(array, index); // String, Boolean
    }

    private static Object vector(Object array, int from, int n) {
        if (array instanceof float[] f) {
            double[] d = new double[n];
            for (int k = 0; k < n; k++) {
                d[k] = f[from + k];
            }
            return d;
        }
        if (array instanceof int[] a) {
            long[] l = new long[n];
            for (int k = 0; k < n; k++) {
                l[k] = a[from + k];
            }
            return l;
        }
        Object out = Array.newInstance(array.getClass().getComponentType(), n);
        System.arraycopy(array, from, out, 0, n);
        return out;
    }

    static Object[] boxRange(Object array, int from, int n) {
        Object[] out = new Object[n];
        for (int k = 0; k < n; k++) {
            out[k] = Array.get(array, from + k);
        }
        return out;
    }

    /** Rows {@code [from, to)} as a frame: one column per output value, class indices mapped to label names. */
    Frame toFrame(int from, int to) {
        List<Column> columns = new ArrayList<>();
        List<TensorSpec> outputs = signature.outputs();
        List<String> labels = signature.labels();
        for (int i = 0; i < outputs.size(); i++) {
            String name = outputs.get(i).name();
            int w = widths[i];
            Object slice = sliceRows(data[i], from, to, w);
            if (w > 1 && slice instanceof float[] f) {
                // All columns of a float matrix (class probabilities) in one pass over it.
                double[][] cols = new double[w][to - from];
                for (int r = 0, at = 0; r < to - from; r++) {
                    for (int k = 0; k < w; k++) {
                        cols[k][r] = f[at++];
                    }
                }
                for (int k = 0; k < w; k++) {
                    String col = name + "." + (labels.size() == w ? labels.get(k) : Integer.toString(k));
                    columns.add(DoubleColumn.of(Field.numeric(col), cols[k]));
                }
                continue;
            }
            for (int k = 0; k < w; k++) {
                String col = w == 1 ? name : name + "." + (labels.size() == w ? labels.get(k) : Integer.toString(k));
                columns.add(column(col, slice, to - from, w, k, name.equals("label") ? labels : null));
            }
        }
        return Frame.of(columns);
    }

    private static Object sliceRows(Object array, int from, int to, int w) {
        if (from == 0 && Array.getLength(array) == (to - from) * w) {
            return array;
        }
        Object out = Array.newInstance(array.getClass().getComponentType(), (to - from) * w);
        System.arraycopy(array, from * w, out, 0, (to - from) * w);
        return out;
    }

    /** Column {@code k} of a row-major array of width {@code w}; integer labels become label names when given. */
    static Column column(String name, Object array, int rows, int w, int k, List<String> labels) {
        if (array instanceof float[] f) {
            double[] d = new double[rows];
            for (int r = 0; r < rows; r++) {
                d[r] = f[r * w + k];
            }
            return DoubleColumn.of(name, d);
        }
        if (array instanceof double[] a) {
            double[] d = new double[rows];
            for (int r = 0; r < rows; r++) {
                d[r] = a[r * w + k];
            }
            return DoubleColumn.of(name, d);
        }
        if (labels != null && !labels.isEmpty() && w == 1 && array instanceof long[] a) {
            int[] codes = new int[rows]; // class indices straight to codes when all are known labels
            boolean allKnown = true;
            for (int r = 0; r < rows; r++) {
                long v = a[r];
                allKnown &= v >= 0 && v < labels.size();
                codes[r] = (int) v;
            }
            if (allKnown) {
                return CategoricalColumn.fromCodes(Field.categorical(name), codes, labels);
            }
        }
        if (array instanceof long[] || array instanceof int[]) {
            long[] l = new long[rows];
            if (array instanceof long[] a) {
                for (int r = 0; r < rows; r++) {
                    l[r] = a[r * w + k];
                }
            } else {
                int[] a = (int[]) array;
                for (int r = 0; r < rows; r++) {
                    l[r] = a[r * w + k];
                }
            }
            if (labels != null && !labels.isEmpty()) {
                int[] codes = new int[rows];
                boolean allKnown = true;
                for (int r = 0; r < rows; r++) {
                    allKnown &= l[r] >= 0 && l[r] < labels.size();
                    codes[r] = (int) l[r];
                }
                if (allKnown) {
                    return CategoricalColumn.fromCodes(Field.categorical(name), codes, labels);
                }
            }
            return LongColumn.of(name, l);
        }
        if (array instanceof String[] s) {
            String[] v = new String[rows];
            for (int r = 0; r < rows; r++) {
                v[r] = s[r * w + k];
            }
            return CategoricalColumn.of(name, v);
        }
        boolean[] b = (boolean[]) array;
        Boolean[] v = new Boolean[rows];
        for (int r = 0; r < rows; r++) {
            v[r] = b[r * w + k];
        }
        return BooleanColumn.of(name, v);
    }
}
