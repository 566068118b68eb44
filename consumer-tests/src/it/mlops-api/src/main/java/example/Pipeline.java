package example;

import dev.mlops.api.CategoricalColumn;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Frame;
import dev.mlops.api.Schema;

/** Builds a frame, filters it, fingerprints it and sends its schema through JSON (Jackson) and back. */
public final class Pipeline {
    public static void main(String[] args) {
        Frame frame = Frame.of(
                DoubleColumn.of("amount", 1169, 5951, Double.NaN),
                CategoricalColumn.of("class", "good", "bad", "good"));
        Frame big = frame.filter(row -> row.getDouble("amount") > 2000).select("class");
        Schema schema = Schema.fromJson(frame.schema().toJson());
        if (!schema.equals(frame.schema()) || big.rowCount() != 1) {
            throw new AssertionError("schema or filter broken: " + schema + " / " + big);
        }
        System.out.println("mlops-api consumer: " + frame.rowCount() + " rows, " + frame.fingerprint());
    }
}
