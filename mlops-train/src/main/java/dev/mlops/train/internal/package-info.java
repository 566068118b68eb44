/** Implementation of training, conversion, evaluation and tuning; not for use outside mlops-train. */
package dev.mlops.train.internal;
