package dev.mlops.api;

/**
 * Receives served predictions: the contract between a model server (which publishes) and a drift monitor or a
 * prediction log (which subscribe), so neither needs the other's internals. A server calls it off the predicting
 * thread, one event at a time; a slow or failing listener must never slow or break a prediction, so servers hand
 * events over through a bounded queue and count what they drop.
 */
@FunctionalInterface
public interface PredictionListener {
    /** Called for every served request, on the publisher's listener thread, one event at a time. */
    void onPrediction(PredictionEvent event);
}
