/** Benchmarks of training, conversion, tuning and run tracking, each beside its floor. */
package dev.mlops.benchmarks.train;
