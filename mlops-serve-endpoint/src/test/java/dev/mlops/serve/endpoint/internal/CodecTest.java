package dev.mlops.serve.endpoint.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.floats;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.mlops.serve.PredictionException.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The codecs: binary and JSON round trips are exact, for every value including the odd ones. */
class CodecTest {

    private static float[] toArray(List<Float> values) {
        float[] a = new float[values.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = values.get(i);
        }
        return a;
    }

    @Test
    void binary_fp32_roundTripsEveryBitPattern() {
        qt().forAll(lists().of(floats().any()).ofSizeBetween(0, 50)).check(values -> {
            float[] a = toArray(values);
            Tensor t = new Tensor("x", DataType.FP32, new long[] {a.length}, a);
            float[] back = (float[]) BinaryTensors.decode("x", DataType.FP32, a.length,
                    ByteBuffer.wrap(BinaryTensors.encode(t)));
            for (int i = 0; i < a.length; i++) {
                if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(back[i])) {
                    return false;
                }
            }
            return true;
        });
    }

    @Test
    void binary_int64AndBytes_roundTrip() {
        qt().forAll(lists().of(longs().all()).ofSizeBetween(0, 50), lists().of(strings().allPossible()
                .ofLengthBetween(0, 8)).ofSizeBetween(0, 20)).check((longs, texts) -> {
            long[] l = longs.stream().mapToLong(Long::longValue).toArray();
            long[] lb = (long[]) BinaryTensors.decode("l", DataType.INT64, l.length,
                    ByteBuffer.wrap(BinaryTensors.encode(new Tensor("l", DataType.INT64, new long[] {l.length}, l))));
            byte[][] s = texts.stream().map(x -> x.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
            byte[][] sb = (byte[][]) BinaryTensors.decode("s", DataType.BYTES, s.length,
                    ByteBuffer.wrap(BinaryTensors.encode(new Tensor("s", DataType.BYTES, new long[] {s.length}, s))));
            return java.util.Arrays.equals(l, lb) && java.util.Arrays.deepEquals(s, sb);
        });
    }

    @Test
    void json_fp32_theFloatAClientPrintsIsTheFloatTheModelGets() {
        qt().forAll(lists().of(floats().any()).ofSizeBetween(1, 30)).assuming(values -> values.stream()
                .noneMatch(v -> v.isInfinite())).check(values -> {
            float[] a = toArray(values);
            InferResponse r = new InferResponse("m", "1", "id", List.of(new Tensor("x", DataType.FP32,
                    new long[] {a.length}, a)), List.of(false));
            String out = new String(RestCodec.encodeResponse(r).bytes(), StandardCharsets.UTF_8);
            String data = out.substring(out.indexOf("\"data\":") + 7, out.lastIndexOf("}]}"));
            String req = "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[" + a.length + "],\"data\":"
                    + data + "}]}";
            float[] back = (float[]) RestCodec.decodeRequest(req.getBytes(StandardCharsets.UTF_8), -1, 1000)
                    .inputs().get(0).data();
            return java.util.Arrays.equals(a, back); // NaN travels as null and comes back as NaN
        });
    }

    @Test
    void json_nestedAndFlatData_decodeToTheSameTensor() {
        byte[] nested = "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"INT64\",\"shape\":[2,2],\"data\":[[1,2],[3,4]]}]}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] flat = "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"INT64\",\"shape\":[2,2],\"data\":[1,2,3,4]}]}"
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(RestCodec.decodeRequest(flat, -1, 100).inputs(), RestCodec.decodeRequest(nested, -1, 100)
                .inputs());
        assertArrayEquals(new long[] {1, 2, 3, 4}, (long[]) RestCodec.decodeRequest(nested, -1, 100).inputs().get(0)
                .data());
    }

    @Test
    void binary_boolMustBeZeroOrOne() {
        EndpointException e = assertThrows(EndpointException.class, () -> BinaryTensors.decode("b", DataType.BOOL, 2,
                ByteBuffer.wrap(new byte[] {1, 2})));
        assertEquals(EndpointException.Kind.BAD_REQUEST, e.kind());
    }

    @Test
    void serverFailures_mapToTheirTransportKinds() {
        assertEquals(EndpointException.Kind.OVERLOADED, V2Handler.kindOf(Reason.QUEUE_FULL));
        assertEquals(EndpointException.Kind.TIMEOUT, V2Handler.kindOf(Reason.TIMEOUT));
        assertEquals(EndpointException.Kind.UNAVAILABLE, V2Handler.kindOf(Reason.CLOSED));
        assertEquals(EndpointException.Kind.INTERNAL, V2Handler.kindOf(Reason.RUNTIME_ERROR));
        for (Reason r : List.of(Reason.MISSING_INPUT, Reason.UNEXPECTED_INPUT, Reason.WRONG_TYPE,
                Reason.MISSING_VALUE, Reason.NAN_NOT_ALLOWED, Reason.WRONG_SHAPE)) {
            assertEquals(400, V2Handler.kindOf(r).httpStatus(), "client mistakes are 4xx: " + r);
        }
    }
}
