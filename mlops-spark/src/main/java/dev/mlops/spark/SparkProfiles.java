package dev.mlops.spark;

import dev.mlops.api.Frame;
import dev.mlops.api.Json;
import dev.mlops.api.Schema;
import dev.mlops.data.profile.Profile;
import dev.mlops.data.profile.ProfileOptions;
import dev.mlops.data.profile.Profiler;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;

/**
 * The {@link Profile} of a Dataset, computed where the data lies: each partition is profiled chunk by chunk into a
 * {@link Profiler}, its profile travels as its versioned JSON form (moments exact, sketches as their compact
 * bytes), and the partition profiles are merged by a tree reduce (docs/decisions/171). Counts, missing, min and max
 * equal those of one pass over the collected rows; means and variances agree to rounding; quantiles and distinct
 * counts lie within the sketches' stated bounds.
 *
 * <p>Stateless and thread-safe.
 */
public final class SparkProfiles {
    private SparkProfiles() {
    }

    /** The profile of a Dataset with the default options. */
    public static Profile profile(Dataset<Row> data) {
        return profile(data, ProfileOptions.DEFAULTS);
    }

    /**
     * The profile of a Dataset.
     *
     * @throws dev.mlops.api.DataException when a column's Spark type has no mapping ({@link SparkSchemas})
     */
    public static Profile profile(Dataset<Row> data, ProfileOptions options) {
        Schema schema = SparkSchemas.schemaOf(data);
        String schemaJson = schema.toJson();
        String optionsJson = Json.write(options);
        JavaRDD<String> parts = data.javaRDD().mapPartitions(rows -> {
            Schema s = Schema.fromJson(schemaJson);
            Profiler p = Profiler.create(Json.read(optionsJson, ProfileOptions.class));
            RowFrames.chunks(rows, s, (frame, chunk) -> p.add(frame));
            return List.of(p.rowCount() == 0 ? NONE : p.profile().toJson()).iterator();
        });
        String merged = parts.getNumPartitions() == 0 ? NONE : parts.treeReduce(SparkProfiles::mergeJson);
        return merged.isEmpty() ? Profile.of(Frame.empty(schema), options) : Profile.fromJson(merged);
    }

    /** What an empty partition contributes: nothing to merge. */
    private static final String NONE = "";

    static String mergeJson(String a, String b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isEmpty() ? a : Profile.fromJson(a).merge(Profile.fromJson(b)).toJson();
    }
}
