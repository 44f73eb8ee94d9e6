package io.marketsentinel.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * On Lambda, the secrets (Slack webhook URL, trigger token, CoinGecko key, SMTP credentials) live
 * in one Secrets Manager secret, never in the template or the function's environment. When
 * {@code sentinel.secrets.arn} is set, this reads that secret once, at start-up, and offers its
 * JSON keys as configuration (above application.properties, below real environment variables).
 * A secret that cannot be read stops the start with a message naming the ARN, never a value.
 */
public class SecretsConfigSourceFactory implements ConfigSourceFactory {

    static final String ARN_KEY = "sentinel.secrets.arn";
    static final int ORDINAL = 275;

    /** How the secret's text is fetched; a seam for the tests. */
    @FunctionalInterface
    interface SecretReader {
        String read(String arn);
    }

    private final SecretReader reader;

    public SecretsConfigSourceFactory() {
        this(SecretsConfigSourceFactory::fetch);
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
        return List.of(new PropertiesConfigSource(parse(arn.getValue(), reader.read(arn.getValue())),
                "secrets-manager", ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    static Map<String, String> parse(String arn, String secret) {
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

    private static String fetch(String arn) {
        try (SecretsManagerClient client = SecretsManagerClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            return client.getSecretValue(b -> b.secretId(arn)).secretString();
        } catch (RuntimeException e) {
            throw new IllegalStateException("could not read secret " + arn + " (" + e.getClass().getSimpleName()
                    + "); the function's role needs secretsmanager:GetSecretValue on it");
        }
    }
}
