package io.marketsentinel.cli;

import io.marketsentinel.config.ConfigCheck;
import io.marketsentinel.config.LambdaRuntime;
import io.marketsentinel.config.SentinelConfig;
import io.marketsentinel.config.StartFailure;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import picocli.CommandLine;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The process entry point. On Lambda's custom runtime (the native executable, started with no
 * arguments) it keeps the application up for the Lambda poll loop; with arguments it runs one of
 * the {@link SentinelCommand} commands. A start that fails (a bad configuration value, a missing
 * setting) ends in one sentence per problem, naming the key, without a stack trace unless
 * {@code --debug} is given.
 */
@QuarkusMain
public class SentinelMain implements QuarkusApplication {

    /**
     * quarkus-picocli's command line for {@link SentinelCommand}, its commands built as CDI beans;
     * looked up only when there is a command, so a Lambda start builds none of it.
     */
    @Inject
    Provider<CommandLine> commandLine;

    @Inject
    SentinelConfig config;

    @Inject
    LambdaRuntime lambda;

    /** The mock event server Quarkus' own tests and dev mode poll instead of Lambda's Runtime API. */
    @ConfigProperty(name = "quarkus-internal.aws-lambda.test-api")
    Optional<String> mockEventServer;

    public static void main(String... args) {
        OptionalInt helpOnly = args.length > 0 ? HelpOnly.answer(args) : OptionalInt.empty();
        if (helpOnly.isPresent()) {
            System.out.flush();
            System.exit(helpOnly.getAsInt());
        }
        if (args.length > 0) {
            // A local command, not a Lambda start: priming would only cost time (and read the state).
            System.setProperty("sentinel.prime", "false");
        }
        boolean debug = CommandLines.debug(args);
        Quarkus.run(SentinelMain.class, (status, failure) -> exit(status, failure, debug), args);
    }

    /** Quarkus' exit: a failure it reports (start-up included) is said as sentences here, not logged as a trace. */
    private static void exit(int status, Throwable failure, boolean debug) {
        if (failure != null) {
            StartFailure.sentences(failure, CommandLines.DEBUG + " shows the stack trace").forEach(System.err::println);
            if (debug) {
                failure.printStackTrace();
            }
        }
        System.err.flush();
        System.exit(failure != null && status == 0 ? 1 : status);
    }

    @Override
    public int run(String... args) {
        if (args.length == 0) {
            if (LaunchMode.current() == LaunchMode.NORMAL && lambda.runtimeApi().isEmpty() && mockEventServer.isEmpty()) {
                // Started by hand, not by Lambda: say how to use it rather than wait for invocations forever.
                System.err.println("no command given, and not on Lambda (AWS_LAMBDA_RUNTIME_API is not set)");
                commandLine.get().usage(System.err);
                return 2;
            }
            Quarkus.waitForExit();
            return 0;
        }
        return CommandLines.configure(commandLine.get(), CommandLines.debug(args), secrets()).execute(args);
    }

    private List<String> secrets() {
        return ConfigCheck.secrets(config).values().stream().flatMap(Optional::stream).toList();
    }
}
