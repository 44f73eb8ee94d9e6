package io.marketsentinel.cli;

import picocli.CommandLine;

import java.lang.reflect.Constructor;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/**
 * Answers {@code --help}, {@code --version} and {@code help} before Quarkus starts: printing what the
 * commands are needs none of what running one does (the configuration check, CDI, REST clients, the
 * store), and starting all of that is most of a second. Anything else — a command to run, a command
 * line to refuse — is left to the full start, which says it as it always has.
 */
final class HelpOnly {

    private HelpOnly() {
    }

    /** The exit status when {@code args} asked only for help or the version (printed); empty otherwise. */
    static OptionalInt answer(String... args) {
        if (!List.of(args).contains("help") && Arrays.stream(args).noneMatch(HelpOnly::helpOption)) {
            // Most command lines ask for no help: not even the command model is built for them.
            return OptionalInt.empty();
        }
        try {
            CommandLine commandLine = new CommandLine(SentinelCommand.class, new Describing());
            commandLine.setCaseInsensitiveEnumValuesAllowed(true);
            CommandLine.ParseResult parsed = commandLine.parseArgs(args);
            return CommandLine.printHelpIfRequested(parsed) ? OptionalInt.of(0) : OptionalInt.empty();
        } catch (CommandLine.PicocliException e) {
            return OptionalInt.empty();
        }
    }

    /** {@code --help}, {@code --version}, or short options that include {@code h} or {@code V} ({@code -hV}). */
    private static boolean helpOption(String arg) {
        return arg.equals("--help") || arg.equals("--version")
                || (arg.startsWith("-") && !arg.startsWith("--") && (arg.contains("h") || arg.contains("V")));
    }

    /**
     * Makes command objects to describe, not to run: a command whose collaborators come by constructor
     * injection gets {@code null} for each (help reads only its annotations and option fields).
     */
    private static final class Describing implements CommandLine.IFactory {

        @Override
        public <K> K create(Class<K> type) throws Exception {
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                if (constructor.getParameterCount() == 0) {
                    return CommandLine.defaultFactory().create(type);
                }
            }
            Exception last = null;
            for (Constructor<?> injected : type.getDeclaredConstructors()) {
                try {
                    injected.setAccessible(true);
                    return type.cast(injected.newInstance(new Object[injected.getParameterCount()]));
                } catch (ReflectiveOperationException | RuntimeException e) {
                    last = e; // a constructor that uses what it is given: the next one may only keep it
                }
            }
            throw last;
        }
    }
}
