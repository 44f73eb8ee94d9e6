package io.marketsentinel.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** One command run in-process, as the jar runs it (same error handling), with what it printed. */
record CommandRun(int exit, String out, String err) {

    static CommandRun of(Object command, String... args) {
        return of(new CommandLine(command), args);
    }

    /** A command whose subcommands {@code factory} makes (as CDI makes them in the jar). */
    static CommandRun of(Class<?> command, CommandLine.IFactory factory, String... args) {
        return of(new CommandLine(command, factory), args);
    }

    private static CommandRun of(CommandLine commandLine, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = CommandLines.configure(commandLine, CommandLines.debug(args), List.of());
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        int exit = line.execute(args);
        return new CommandRun(exit, out.toString(), err.toString());
    }
}
