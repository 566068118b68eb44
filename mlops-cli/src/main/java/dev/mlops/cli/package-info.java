/** The {@code mlops} command line ({@link dev.mlops.cli.Mlops}); run it with {@code mlops-cli/bin/mlops}. */
package dev.mlops.cli;
