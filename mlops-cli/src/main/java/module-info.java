/**
 * The {@code mlops} command line: profile, validate, train, evaluate, package, serve and monitor from a shell.
 * Exports {@code Mlops}, the entry point a program or a test can call with the same arguments.
 */
module dev.mlops.cli {
    requires dev.mlops.pipeline;
    requires info.picocli;

    exports dev.mlops.cli;

    // picocli reads and sets the commands' annotated fields
    opens dev.mlops.cli to info.picocli;
}
