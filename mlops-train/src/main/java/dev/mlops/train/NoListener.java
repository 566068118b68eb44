package dev.mlops.train;

/** The listener behind {@link TrainingListener#none()}; trainers skip progress work for it. */
enum NoListener implements TrainingListener {
    INSTANCE;

    @Override
    public void onProgress(TrainingEvent event) {
        // ignored
    }
}
