package io.marketsentinel.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * On Lambda, the secrets (Slack webhook URL, trigger token, CoinGecko key, SMTP credentials) live
 * in one Secrets Manager secret, never in the template or the function's environment. When
 * {@code sentinel.secrets.arn} is set, this reads that secret at start-up and offers its JSON keys as
 * configuration (above application.properties, below real environment variables); the running function
 * reads it again later ({@link LiveSecrets}).
 * A secret that cannot be read stops the start with a message naming the ARN, never a value.
 */
public class SecretsConfigSourceFactory implements ConfigSourceFactory {

    static final String ARN_KEY = "sentinel.secrets.arn";
    static final String ENDPOINT_KEY = "sentinel.secrets.endpoint";
    static final String SOURCE_NAME = "secrets-manager";
    /** Above application.properties (250), below the environment (300); only this source has it. */
    public static final int ORDINAL = 275;

    /** How the secret's text is fetched; a seam for the tests. */
    @FunctionalInterface
    public interface SecretReader {
        String read(String arn);
    }

    private final SecretReader reader;

    public SecretsConfigSourceFactory() {
        this(null); // Secrets Manager itself, at the endpoint the configuration names (known in getConfigSources)
    }

    SecretsConfigSourceFactory(SecretReader reader) {
        this.reader = reader;
    }

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue arn = context.getValue(ARN_KEY);
        if (arn == null || arn.getValue() == null || arn.getValue().isBlank()) {
            return List.of();
        }
        SecretReader read = reader != null ? reader : id -> SecretsManager.read(id, endpoint(context));
        return List.of(new PropertiesConfigSource(parse(arn.getValue(), read.read(arn.getValue())), SOURCE_NAME, ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    public static Map<String, String> parse(String arn, String secret) {
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(secret);
        } catch (Exception e) {
            throw new IllegalStateException("secret " + arn + " is not a JSON object of configuration keys");
        }
        if (json == null || !json.isObject()) {
            throw new IllegalStateException("secret " + arn + " is not a JSON object of configuration keys");
        }
        Map<String, String> values = new HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = json.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            // An empty value means "not set": the deploy creates the secret with empty placeholders.
            if (e.getValue().isTextual() && !e.getValue().asText().isEmpty()) {
                values.put(e.getKey(), e.getValue().asText());
            }
        }
        return values;
    }

    private static Optional<String> endpoint(ConfigSourceContext context) {
        ConfigValue endpoint = context.getValue(ENDPOINT_KEY);
        return endpoint == null ? Optional.empty() : Optional.ofNullable(endpoint.getValue());
    }
}
