package io.marketsentinel.cli;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import org.eclipse.microprofile.config.ConfigProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code market-sentinel}: the local commands around the Lambda function. With no command it says
 * how to use it (on Lambda, {@link SentinelMain} never gets here: it serves invocations).
 */
@TopCommand
@Command(name = "market-sentinel", mixinStandardHelpOptions = true, versionProvider = SentinelCommand.Version.class,
        subcommands = {CheckCommand.class, ReplayCommand.class, ImportCommand.class, StatusCommand.class,
                SilenceCommand.class, SecretsCommand.class, CommandLine.HelpCommand.class},
        description = "Alerts on large crypto market drawdowns and multi-month coin lows. On AWS Lambda it runs on a "
                + "schedule; these commands run it, backtest it and inspect its state from a terminal.",
        footer = {"", "Configuration comes from the environment (SENTINEL_…), -Dsentinel.… or application.properties;"
                + " see the README. Exit status: 0 done, 1 the command failed, 2 a bad command line."})
public class SentinelCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = CommandLines.DEBUG, scope = CommandLine.ScopeType.INHERIT,
            description = "Show the stack trace behind an error.")
    boolean debug;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Which command? check, replay, import, status or silence.");
    }

    /**
     * The version the build wrote into the jar's manifest, or, run from classes (tests, dev mode), the one
     * Quarkus recorded ({@code quarkus.application.version}): {@code --version} is answered before Quarkus starts.
     */
    static final class Version implements CommandLine.IVersionProvider {

        @Override
        public String[] getVersion() {
            String version = Optional.ofNullable(SentinelCommand.class.getPackage().getImplementationVersion())
                    .or(() -> ConfigProvider.getConfig().getOptionalValue("quarkus.application.version", String.class))
                    .orElse("(version unknown)");
            return new String[] {"market-sentinel " + version,
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
