package io.marketsentinel.config;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

import java.net.URI;
import java.util.Optional;

/** The one way to Secrets Manager: the start's read, the running function's re-reads, {@code secrets set}. */
public final class SecretsManager {

    private SecretsManager() {
    }

    /** A client on the JDK's own HTTP client (no Netty, no Apache), at {@code endpoint} if given (a stand-in). */
    public static SecretsManagerClient client(Optional<String> endpoint) {
        SecretsManagerClientBuilder builder = SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create());
        endpoint.filter(url -> !url.isBlank()).ifPresent(url -> builder.endpointOverride(URI.create(url)));
        return builder.build();
    }

    /**
     * The secret's text. A failure is described by the ARN and the exception's class, never by what the
     * service said (it may quote the request).
     */
    public static String read(String arn, Optional<String> endpoint) {
        try (SecretsManagerClient client = client(endpoint)) {
            return client.getSecretValue(b -> b.secretId(arn)).secretString();
        } catch (RuntimeException e) {
            throw new IllegalStateException("could not read secret " + arn + " (" + e.getClass().getSimpleName()
                    + "); the function's role needs secretsmanager:GetSecretValue on it");
        }
    }
}
