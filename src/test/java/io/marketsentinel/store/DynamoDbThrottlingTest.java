package io.marketsentinel.store;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.marketsentinel.alerting.SentinelState;
import io.marketsentinel.store.dynamodb.DynamoDbStateStore;
import io.marketsentinel.testing.Loopback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A table that throttles every call, stood in for at the HTTP level (DynamoDB Local never throttles):
 * the SDK's retries end at the run's deadline with a sentence, never past it, and nothing is stored.
 */
class DynamoDbThrottlingTest {

    private final WireMockServer dynamo = Loopback.wireMock();
    private final DynamoDbClient client = DynamoDbClient.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .endpointOverride(URI.create("http://127.0.0.1:" + dynamo.port()))
            .region(Region.EU_WEST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .build();
    private final DynamoDbStateStore store = new DynamoDbStateStore(client, "sentinel", "state", new StateCodec(),
            Clock.systemUTC());

    @AfterEach
    void stop() {
        client.close();
        dynamo.stop();
    }

    private void throttlingEveryCall() {
        // Each answer takes a second, as a throttled table under retries does: the deadline comes first.
        dynamo.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(400).withFixedDelay(1_000)
                .withHeader("Content-Type", "application/x-amz-json-1.0")
                .withBody("{\"__type\":\"com.amazonaws.dynamodb.v20120810#ThrottlingException\","
                        + "\"message\":\"Rate of requests exceeds the allowed throughput.\"}")));
    }

    @Test
    void aLoadFromAThrottledTableEndsAtTheRunsDeadlineWithASentence() {
        throttlingEveryCall();
        long start = System.nanoTime();

        assertThatThrownBy(() -> store.load(Instant.now().plusSeconds(3)))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("DynamoDB GetItem on table 'sentinel': ");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no later than the deadline, give or take")
                .isLessThan(Duration.ofSeconds(6));
    }

    @Test
    void aSaveToAThrottledTableEndsAtTheRunsDeadlineAndStoresNothing() {
        throttlingEveryCall();
        long start = System.nanoTime();

        assertThatThrownBy(() -> store.save(SentinelState.initial(), 0, Instant.now().plusSeconds(2)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("nothing was stored");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
}
