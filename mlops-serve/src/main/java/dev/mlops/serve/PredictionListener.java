package dev.mlops.serve;

/**
 * Receives every served prediction, off the calling thread (the drift monitor subscribes this way). A slow or
 * failing listener never slows or breaks a prediction: events go through a bounded hand-off and are dropped (and
 * counted in {@link ServerStats#eventsDropped()}) when it is full.
 */
@FunctionalInterface
public interface PredictionListener {
    /** Called on the server's listener thread, one event at a time. */
    void onPrediction(PredictionEvent event);
}
