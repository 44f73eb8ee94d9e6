package io.marketsentinel.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketsentinel.config.ConfigCheck;
import io.marketsentinel.config.SecretsManager;
import io.marketsentinel.config.SentinelConfig;
import jakarta.inject.Inject;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code secrets set KEY}: sets one key of the stack's secret without hand-editing its JSON — the value read
 * from standard input (never the command line, where it would stay in the shell's history and the process
 * list), the other keys kept as they are. The running function reads the secret again within an hour, and at
 * once when a channel refuses the credentials it has ({@link io.marketsentinel.config.LiveSecrets}).
 */
@Command(name = "secrets", mixinStandardHelpOptions = true,
        description = "Set a key of the stack's Secrets Manager secret (the value from standard input).",
        subcommands = {SecretsCommand.Set.class})
public class SecretsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Which? secrets set KEY.");
    }

    /** {@code secrets set KEY [--secret-arn ARN]}, the value on standard input. */
    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Read KEY's value from standard input and store it in the secret, keeping its other keys. "
                    + "E.g.: printf %s \"$WEBHOOK\" | market-sentinel secrets set sentinel.notify.slack.webhook-url")
    public static class Set implements Callable<Integer> {

        private final Optional<String> configuredArn;
        private final Optional<String> endpoint;
        private final InputStream in;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "KEY", description = "A secret configuration key, e.g. sentinel.notify.slack.webhook-url.")
        String key;

        @Option(names = "--secret-arn", paramLabel = "ARN",
                description = "The secret (the stack's SecretArn output). Default: sentinel.secrets.arn.")
        String arn;

        /** The constructor CDI uses (the other is the tests' seam for standard input). */
        @Inject
        public Set(SentinelConfig config) {
            this(config.secrets().arn(), config.secrets().endpoint(), System.in);
        }

        Set(Optional<String> configuredArn, Optional<String> endpoint, InputStream in) {
            this.configuredArn = configuredArn;
            this.endpoint = endpoint;
            this.in = in;
        }

        @Override
        public Integer call() throws IOException {
            if (!ConfigCheck.SECRET_KEYS.contains(key)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "'" + key + "' is not a secret key (one of "
                        + String.join(", ", ConfigCheck.SECRET_KEYS) + "); plain settings go in the function's environment");
            }
            String secretArn = Optional.ofNullable(arn).or(() -> configuredArn).orElseThrow(() ->
                    new CommandLine.ParameterException(spec.commandLine(),
                            "which secret? give --secret-arn (the stack's SecretArn output) or set sentinel.secrets.arn"));
            String value = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            // One line ending from echo or a here-string is not part of the value; anything else around it is a mistake.
            value = value.endsWith("\r\n") ? value.substring(0, value.length() - 2)
                    : value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
            if (value.isEmpty()) {
                throw new CommandFailure("secrets set failed: no value on standard input for " + key, null);
            }
            if (!value.equals(value.strip()) || value.chars().anyMatch(Character::isISOControl)) {
                throw new CommandFailure("secrets set failed: the value for " + key + " has surrounding whitespace or a "
                        + "control character (a copy-paste?); nothing stored, the value is not shown", null);
            }
            ObjectMapper json = new ObjectMapper();
            try (SecretsManagerClient client = SecretsManager.client(endpoint)) {
                String current = client.getSecretValue(b -> b.secretId(secretArn)).secretString();
                ObjectNode document = current == null || current.isBlank() ? json.createObjectNode()
                        : (ObjectNode) json.readTree(current);
                document.put(key, value);
                String next = json.writeValueAsString(document);
                client.putSecretValue(b -> b.secretId(secretArn).secretString(next));
            } catch (RuntimeException | IOException e) {
                throw new CommandFailure("secrets set failed: could not update " + secretArn + " ("
                        + e.getClass().getSimpleName() + "); it needs secretsmanager:GetSecretValue and PutSecretValue", e);
            }
            spec.commandLine().getOut().println(key + " set in " + secretArn + "; the running function takes it within "
                    + "an hour (sentinel.secrets.refresh), at once if a channel refuses the value it has");
            return 0;
        }
    }
}
