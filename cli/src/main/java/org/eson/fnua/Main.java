package org.eson.fnua;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.stream.Collectors;

import org.eson.fnua.commands.CommandFailure;
import org.eson.fnua.commands.ExitCodes;
import org.eson.fnua.commands.FnuaCommand;
import org.eson.fnua.commands.Invocation;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Entry point of {@code fnua}.
 *
 * <p>{@link #run(String[], PrintStream, PrintStream)} is the real entry point; {@link #main} only
 * adds {@code System.exit}. Everything per run is built inside {@code run}, so that tests (and the
 * gateway's end-to-end tests) can call it any number of times, concurrently, in one JVM.
 */
public final class Main {

    private Main() {
    }

    /**
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs one {@code fnua} command with the process environment and home directory.
     *
     * @param args command-line arguments
     * @param out  standard output
     * @param err  standard error
     * @return the exit code (see {@link ExitCodes})
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, Invocation.of(out, err));
    }

    /**
     * Runs one {@code fnua} command.
     *
     * @param args       command-line arguments
     * @param invocation streams, environment, home directory and agent locator to use
     * @return the exit code (see {@link ExitCodes})
     */
    public static int run(String[] args, Invocation invocation) {
        CommandLine cl = commandLine(invocation);
        try {
            return cl.execute(args);
        } finally {
            invocation.out().flush();
            invocation.err().flush();
        }
    }

    /**
     * @param invocation the run's surroundings
     * @return the configured command line, for tests that inspect usage
     */
    static CommandLine commandLine(Invocation invocation) {
        CommandLine cl = new CommandLine(new FnuaCommand(invocation));
        cl.setOut(writer(invocation.out()));
        cl.setErr(writer(invocation.err()));
        cl.setParameterExceptionHandler(Main::onUsageError);
        cl.setExecutionExceptionHandler(new OnFailure(invocation));
        return cl;
    }

    private static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, stream.charset()), true);
    }

    /**
     * One line plus a hint, instead of picocli's default full usage: the usage of a command with
     * a dozen options would push the actual error off the screen.
     */
    private static int onUsageError(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        String message = e.getMessage();
        if (message.startsWith("Missing required subcommand") && !cl.getSubcommands().isEmpty()) {
            // Values, not keys: the keys include aliases such as "desc".
            message += " (one of: " + cl.getSubcommands().values().stream()
                    .map(CommandLine::getCommandName).distinct()
                    .collect(Collectors.joining(", ")) + ")";
        }
        err.println("fnua: " + message);
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return cl.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** Turns a failed command into its single stderr line and exit code. */
    private record OnFailure(Invocation invocation) implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine cl, ParseResult parsed) {
            PrintStream err = invocation.err();
            if (e instanceof CommandFailure failure) {
                err.println("fnua: " + failure.getMessage());
                return failure.exitCode();
            }
            err.println("fnua: internal error: " + e);
            if (debugRequested(parsed)) {
                e.printStackTrace(err);
            }
            return ExitCodes.INTERNAL;
        }

        private static boolean debugRequested(ParseResult parsed) {
            for (ParseResult p = parsed; p != null; p = p.subcommand()) {
                if (p.hasMatchedOption("--debug")) {
                    return true;
                }
            }
            return false;
        }
    }
}
