package dev.mlops.samples;

import dev.mlops.api.tracking.ResourceMeter;
import dev.mlops.api.tracking.ResourceUsage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The main job's resources per stage: each {@link CreditPipeline#section} ends the previous stage's measurement and
 * starts the next, so the table at the end has one row per section. Used from the main thread only.
 */
final class StageResources {
    private static final Map<String, ResourceUsage> STAGES = new LinkedHashMap<>();
    private static String current;
    private static ResourceMeter meter;

    private StageResources() {
    }

    /** Ends the running stage and starts measuring {@code title}. */
    static void begin(String title) {
        if (meter != null) {
            STAGES.put(current, meter.stop());
        }
        current = title.length() > 28 ? title.substring(0, 27) + "~" : title;
        meter = ResourceMeter.start();
    }

    /** The table of every stage ended so far. */
    static String table() {
        return ResourceUsage.table(STAGES);
    }
}
