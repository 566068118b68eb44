/** Seeded, reproducible train/test splits (random, stratified, by group, by time) and a leakage check. */
package dev.mlops.data.split;
