package io.marketsentinel.cli;

import io.marketsentinel.http.Secrets;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.Collection;

/**
 * How every command meets its user: a bad command line is one line naming the option and the
 * value, the command's synopsis and where to find help, exit 2; a command that could not do its
 * work is one sentence, exit 1; a stack trace only with {@code --debug}.
 */
final class CommandLines {

    static final String DEBUG = "--debug";

    private CommandLines() {
    }

    /** True when the user asked for stack traces; read from the raw arguments, as it matters before parsing too. */
    static boolean debug(String... args) {
        return Arrays.asList(args).contains(DEBUG);
    }

    /** Sets the error handling on {@code commandLine}; {@code secrets} are scrubbed from unexpected errors. */
    static CommandLine configure(CommandLine commandLine, boolean debug, Collection<String> secrets) {
        commandLine.setParameterExceptionHandler(CommandLines::usageError);
        commandLine.setExecutionExceptionHandler((e, failed, parseResult) -> failure(e, failed, debug, secrets));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        return commandLine;
    }

    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.print(command.getHelp().fullSynopsis());
        err.printf("Try '%s --help' for more information.%n", command.getCommandSpec().qualifiedName());
        err.flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static int failure(Exception e, CommandLine command, boolean debug, Collection<String> secrets) {
        PrintWriter err = command.getErr();
        if (e instanceof CommandFailure) {
            err.println(e.getMessage());
        } else {
            err.println(Secrets.scrub(command.getCommandName() + " failed unexpectedly: " + e
                    + (debug ? "" : " (" + DEBUG + " shows the stack trace)"), secrets));
        }
        if (debug) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            err.print(Secrets.scrub(trace.toString(), secrets));
        }
        err.flush();
        return command.getCommandSpec().exitCodeOnExecutionException();
    }
}
