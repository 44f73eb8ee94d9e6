package io.marketsentinel.it;

import io.marketsentinel.testing.CoinGeckoStubs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The native executable with its state in DynamoDB Local and its alerts by mail
 * ({@code ./mvnw -Pnative verify}, run by the native GitHub workflow).
 */
@QuarkusIntegrationTest
@WithTestResource(NativeStoreAndMail.class)
class StoreAndMailNativeIT {

    private static JsonPath scheduled(double totalBillions) throws Exception {
        return NativeChecks.scheduled(NativeStoreAndMail.coinGecko, totalBillions);
    }

    @Test
    void aDropIsStoredInDynamoDbAndMailedOnce() throws Exception {
        CoinGeckoStubs.dailyChart(NativeStoreAndMail.coinGecko, "bitcoin", Instant.now(), 365, 70_000, Map.of());

        assertThat(scheduled(3014.7).getString("outcome")).isEqualTo("ok");
        JsonPath drop = scheduled(2562.5);
        assertThat(drop.getString("decisions.find { it.rule == 'market-drawdown' }.kind")).isEqualTo("NEW");
        assertThat(drop.getString("deliveries.find { it.channel == 'email' }.outcome")).isEqualTo("DELIVERED");
        assertThat(scheduled(2562.5).getList("notifications")).isEmpty();

        assertThat(NativeStoreAndMail.smtp.waitForIncomingEmail(5_000, 1)).isTrue();
        assertThat(NativeStoreAndMail.smtp.getReceivedMessages()).hasSize(1);
        try (DynamoDbClient client = NativeStoreAndMail.dynamo.client()) {
            Map<String, AttributeValue> item = client.getItem(b -> b.tableName(NativeStoreAndMail.TABLE)
                    .key(Map.of("pk", AttributeValue.fromS("state")))).item();
            assertThat(Long.parseLong(item.get("version").n())).isGreaterThanOrEqualTo(3);
        }
    }
}
