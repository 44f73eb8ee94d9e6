package io.marketsentinel.store.dynamodb;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

import java.net.URI;
import java.util.Optional;

/**
 * Builds the DynamoDB client: the JDK-based HTTP client (small, native-friendly, named here so the
 * SDK does not look one up), the region and credentials from the AWS environment (on Lambda,
 * {@code AWS_REGION} and the function's role), and an endpoint only for DynamoDB Local.
 */
public final class DynamoDbClients {

    private DynamoDbClients() {
    }

    public static DynamoDbClient create(Optional<String> region, Optional<String> endpoint) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create());
        region.map(Region::of).ifPresent(builder::region);
        endpoint.map(URI::create).ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
