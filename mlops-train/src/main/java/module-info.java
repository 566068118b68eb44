/**
 * Training with Tribuo, tuning, evaluation, release gates and the ONNX export and packaging of a model with its
 * preprocessing. Exports its API packages; the Tribuo adapters and the graph writers stay internal.
 *
 * <p>Tribuo's XGBoost needs {@code xgboost4j_2.12}, a jar whose name is no valid module name, so it stays on the
 * class path; the one call this module makes into it goes through reflection, which needs no read edge
 * (docs/decisions/218).
 */
module dev.mlops.train {
    requires transitive dev.mlops.features;
    requires transitive org.tribuo.core; // TrainedModel.tribuoModel(), TribuoSource.of(dataset), OnnxExport
    requires org.tribuo.math;
    requires org.tribuo.util.onnx;
    requires org.tribuo.classification.core;
    requires org.tribuo.classification.dtree;
    requires org.tribuo.classification.liblinear;
    requires org.tribuo.classification.libsvm;
    requires org.tribuo.classification.sgd;
    requires org.tribuo.classification.xgboost;
    requires org.tribuo.common.libsvm;
    requires org.tribuo.common.tree;
    requires org.tribuo.common.xgboost;
    requires org.tribuo.regression.core;
    requires org.tribuo.regression.liblinear;
    requires org.tribuo.regression.libsvm;
    requires org.tribuo.regression.rtree;
    requires org.tribuo.regression.sgd;
    requires org.tribuo.regression.slm;
    requires org.tribuo.regression.xgboost;
    requires com.oracle.labs.mlrg.olcut;
    requires com.oracle.labs.mlrg.olcut.config.json;
    requires com.google.protobuf;
    requires jul.to.slf4j;
    // no Automatic-Module-Name in these two jars, so their file names name them
    requires libsvm;    // TribuoTrainers silences its console output
    requires liblinear; // TribuoExportables asks whether a model gives probabilities
    requires jdk.management; // CapacityPlan: heap and CPU time of the measured runs

    exports dev.mlops.train;
    exports dev.mlops.train.onnx;
    exports dev.mlops.train.scoping;

    opens dev.mlops.train to com.fasterxml.jackson.databind;
    opens dev.mlops.train.scoping to com.fasterxml.jackson.databind;
    // OLCUT reads and writes the @Config fields of our Tribuo components (the L2 penalty) for provenance
    opens dev.mlops.train.internal to com.oracle.labs.mlrg.olcut;
}
