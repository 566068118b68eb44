/** Pipelines as files: one YAML or JSON file that code ({@link dev.mlops.pipeline.Pipeline}) and the CLI both run. */
package dev.mlops.pipeline;
