/** Cleaning steps as small frame transforms: duplicates, category normalization, outlier flags, casts, buckets. */
package dev.mlops.data.clean;
