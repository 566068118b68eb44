package dev.mlops.cli;

import dev.mlops.api.MlopsException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code mlops}: the everyday jobs of the SDK from a shell. Exit codes: 0 done, 1 the data or a check failed (a
 * validation error, drift), 2 bad input (a missing file, an unknown column or option): the message says what to fix.
 * Every command takes {@code --json} for scripts.
 */
@Command(name = "mlops", mixinStandardHelpOptions = true, versionProvider = Mlops.Version.class,
        description = "Profile data, infer and check contracts, rank features, check drift, run pipeline files, and look"
                + " at runs and models.",
        subcommands = {ProfileCommand.class, InferContractCommand.class, ValidateCommand.class, RankCommand.class,
            DriftCommand.class, RunCommand.class, RunsCommand.class, ModelsCommand.class, ServeCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:a check failed (validation errors, drift, a release gate)", "2:bad input: the message says what to fix"})
public final class Mlops implements Runnable {
    /** A check failed: the data or the model did not pass. */
    public static final int FAILED = 1;
    /** The input was bad: a file, a column, an option. */
    public static final int BAD_INPUT = 2;

    @Spec
    CommandSpec spec;

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line, with the SDK's errors mapped to exit code 2 and a one-line message. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Mlops());
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (e instanceof BadInputException || e instanceof MlopsException || e instanceof IllegalArgumentException
                    || e instanceof UncheckedIOException) {
                PrintWriter err = commandLine.getErr();
                err.println("mlops " + commandLine.getCommandName() + ": " + e.getMessage());
                err.flush();
                return BAD_INPUT;
            }
            throw e;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The SDK's version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Mlops.class.getPackage().getImplementationVersion();
            return new String[] {"mlops " + (v == null ? "(development build)" : v)};
        }
    }
}
