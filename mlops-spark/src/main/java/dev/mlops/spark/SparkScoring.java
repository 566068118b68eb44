package dev.mlops.spark;

import dev.mlops.api.BooleanColumn;
import dev.mlops.api.Column;
import dev.mlops.api.DoubleColumn;
import dev.mlops.api.Frame;
import dev.mlops.api.LongColumn;
import dev.mlops.api.Schema;
import dev.mlops.api.model.ModelArtifact;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * Batch scoring of a {@link ModelArtifact} over a Dataset with ONNX Runtime: the artifact's files are broadcast
 * once, each executor JVM builds one {@link dev.mlops.serve.ModelServer} from them (checksums verified) and reuses it
 * for every partition, and each chunk of rows goes through the server's frame path. The outputs are appended as
 * columns named and valued as {@code ModelServer.predict(Frame)} names and values them ({@code label},
 * {@code probabilities.good}, ...).
 *
 * <p>Stateless and thread-safe.
 */
public final class SparkScoring {
    private SparkScoring() {
    }

    /**
     * The Dataset with the model's outputs appended. Input columns are matched to the model's inputs by name;
     * others pass through.
     *
     * @throws IllegalArgumentException when the Dataset is empty (its output columns cannot be probed) or an output
     *     name is already a column
     * @throws dev.mlops.serve.PredictionException naming the row when a row cannot be scored
     */
    public static Dataset<Row> score(Dataset<Row> data, ModelArtifact artifact) {
        String checksum = artifact.checksums().get(ModelArtifact.MODEL_FILE);
        HashMap<String, byte[]> files = new HashMap<>(artifact.toFiles());
        Schema schema = SparkSchemas.schemaOf(data);
        List<Row> probe = data.limit(1).collectAsList();
        if (probe.isEmpty()) {
            throw new IllegalArgumentException("Cannot score an empty Dataset: its output columns are probed on its "
                    + "first row; skip scoring when Dataset.isEmpty()");
        }
        Frame probed = ServerCache.server(checksum, files).predict(RowFrames.frame(probe, schema));
        StructType out = data.schema();
        for (Column c : probed.columns()) {
            if (List.of(data.columns()).contains(c.name())) {
                throw new IllegalArgumentException("The model's output '" + c.name() + "' is already a column of the"
                        + " Dataset; rename that column before scoring");
            }
            out = out.add(c.name(), sparkType(c), true);
        }
        Broadcast<HashMap<String, byte[]>> shipped = JavaSparkContext.fromSparkContext(data.sparkSession()
                .sparkContext()).broadcast(files);
        String schemaJson = schema.toJson();
        int width = schema.size();
        JavaRDD<Row> scored = data.javaRDD().mapPartitions(rows -> {
            Schema s = Schema.fromJson(schemaJson);
            var server = ServerCache.server(checksum, shipped.value());
            List<Row> result = new ArrayList<>();
            RowFrames.chunks(rows, s, (frame, chunk) -> {
                Frame outputs = server.predict(frame);
                for (int r = 0; r < chunk.size(); r++) {
                    Object[] values = new Object[width + outputs.columnCount()];
                    Row row = chunk.get(r);
                    for (int c = 0; c < width; c++) {
                        values[c] = row.get(c);
                    }
                    for (int c = 0; c < outputs.columnCount(); c++) {
                        Column col = outputs.column(c);
                        values[width + c] = col.isMissing(r) ? null : col.value(r);
                    }
                    result.add(RowFactory.create(values));
                }
            });
            return result.iterator();
        });
        return data.sparkSession().createDataFrame(scored, out);
    }

    private static DataType sparkType(Column c) {
        if (c instanceof DoubleColumn) {
            return DataTypes.DoubleType;
        }
        if (c instanceof LongColumn) {
            return DataTypes.LongType;
        }
        if (c instanceof BooleanColumn) {
            return DataTypes.BooleanType;
        }
        return DataTypes.StringType;
    }
}
