/**
 * Feature ranking and selection, and the preprocessing fitted once and exported as ONNX. Its {@code internal}
 * package is not exported.
 */
module dev.mlops.features {
    requires transitive dev.mlops.data;
    requires org.tribuo.core;
    requires org.tribuo.classification.core;
    requires org.tribuo.classification.fs;
    requires org.tribuo.util.onnx;
    requires com.google.protobuf;
    requires org.slf4j;

    exports dev.mlops.features;
    // The model export in mlops-train builds its graphs with the same ONNX graph builder (decision 181).
    exports dev.mlops.features.internal.onnx to dev.mlops.train;

    // Jackson writes the fitted steps (internal records) inside a fitted preprocessing.
    opens dev.mlops.features to com.fasterxml.jackson.databind;
    opens dev.mlops.features.internal to com.fasterxml.jackson.databind;
}
