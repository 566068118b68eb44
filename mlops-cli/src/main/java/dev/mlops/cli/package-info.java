/**
 * The {@code mlops} command line over the SDK: {@link dev.mlops.cli.Mlops} is the root command; each subcommand is
 * one class registered in its {@code subcommands} list. Exit codes: 0 ok, 1 failed checks (validation errors, drift),
 * 2 bad input (missing file, unknown column or option).
 */
package dev.mlops.cli;
