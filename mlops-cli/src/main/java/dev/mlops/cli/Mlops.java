package dev.mlops.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The root {@code mlops} command. Adding a subcommand is one class plus one entry in {@code subcommands}.
 */
@Command(name = "mlops", mixinStandardHelpOptions = true, version = "mlops 0.1.0-SNAPSHOT",
        description = "The mlops-java SDK from the shell. Exit codes: 0 ok, 1 failed checks, 2 bad input.",
        subcommands = {ProfileCommand.class, ValidateCommand.class, InferContractCommand.class, RankCommand.class,
                DriftCommand.class, ModelsCommand.class})
public final class Mlops implements Runnable {

    /** Exit code: everything passed. */
    public static final int OK = 0;
    /** Exit code: the input was read but checks failed (validation errors, drift found). */
    public static final int FAILED_CHECKS = 1;
    /** Exit code: bad input (missing file, unknown column, misspelt option). */
    public static final int BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a command, e.g. 'mlops profile data.csv'");
    }

    /** A command line configured with the exit codes above. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Mlops());
        cl.setExitCodeExceptionMapper(e -> BAD_INPUT);
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("mlops " + line.getCommandName() + ": " + e.getMessage());
            return e instanceof BadInputException || e instanceof IllegalArgumentException
                    || e instanceof java.io.UncheckedIOException ? BAD_INPUT : FAILED_CHECKS;
        });
        return cl;
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
