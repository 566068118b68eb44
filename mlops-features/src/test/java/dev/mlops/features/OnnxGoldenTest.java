package dev.mlops.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnx.proto.OnnxMl;
import dev.mlops.features.Transform.Imputation;
import dev.mlops.features.Transform.Scaling;
import dev.mlops.features.Transform.UnseenCategories;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ONNX model of a fixed chain is committed ({@code fixtures/preprocessing_chain.onnx}) and checked with
 * {@code onnx.checker} by {@code make_fixtures.py --check-onnx src/test/resources/fixtures}; this test keeps the
 * writer producing exactly that model. After an intended change, regenerate with
 * {@code -Dmlops.updateGolden=true} and run the checker again. The chain avoids the log transform: {@code Math.log}
 * may differ by an ulp between JVMs, and the fitted values must be the same bytes everywhere.
 */
class OnnxGoldenTest {
    static FittedPreprocessing chain() {
        return Preprocessing.newBuilder()
                .impute(Imputation.MEDIAN, "x")
                .impute(Imputation.MOST_FREQUENT, "color", "flag")
                .imputeConstant("nowhere", "city")
                .scale(Scaling.STANDARD, "x")
                .scale(Scaling.ROBUST, "amount")
                .scale(Scaling.MIN_MAX, "amount")
                .bucketize(3, "count")
                .oneHot(UnseenCategories.IGNORE, "color")
                .oneHot(UnseenCategories.ERROR, "city")
                .build().fit(PreprocessingParityTest.train());
    }

    @Test
    void toOnnx_fixedChain_matchesCommittedCheckedModel() throws IOException {
        byte[] model = chain().toOnnx();
        if (Boolean.getBoolean("mlops.updateGolden")) {
            Files.write(Path.of("src/test/resources/fixtures/preprocessing_chain.onnx"), model);
        }
        try (InputStream in = getClass().getResourceAsStream("/fixtures/preprocessing_chain.onnx")) {
            assertArrayEquals(in.readAllBytes(), model, "the ONNX writer changed; see this class's comment");
        }
    }

    @Test
    void toOnnxModel_declaresInputsOutputAndBothOpsets() throws Exception {
        OnnxMl.ModelProto model = OnnxMl.ModelProto.parseFrom(chain().toOnnx());
        assertEquals(List.of("x", "amount", "count", "flag", "color", "city"),
                model.getGraph().getInputList().stream().map(OnnxMl.ValueInfoProto::getName).toList());
        assertEquals(OnnxMl.TensorProto.DataType.STRING_VALUE,
                model.getGraph().getInput(4).getType().getTensorType().getElemType());
        assertEquals(OnnxMl.TensorProto.DataType.DOUBLE_VALUE,
                model.getGraph().getInput(2).getType().getTensorType().getElemType());
        assertEquals(OnnxMl.TensorProto.DataType.DOUBLE_VALUE,
                model.getGraph().getOutput(0).getType().getTensorType().getElemType());
        assertEquals(1, model.getGraph().getOutputCount());
        OnnxMl.ValueInfoProto out = model.getGraph().getOutput(0);
        assertEquals("features", out.getName());
        assertEquals(chain().outputCount(), out.getType().getTensorType().getShape().getDim(1).getDimValue());
        assertEquals(List.of("", "ai.onnx.ml"),
                model.getOpsetImportList().stream().map(OnnxMl.OperatorSetIdProto::getDomain).toList());
    }
}
