package io.marketsentinel.store;

import io.marketsentinel.testing.Loopback;
import io.marketsentinel.store.dynamodb.DynamoDbStateStore;
import io.marketsentinel.testing.DynamoDbLocal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store contract against DynamoDB Local 2.6.1 on 127.0.0.1, plus what only DynamoDB can get wrong. */
class DynamoDbStoreContractTest extends StateStoreContract {

    private static final String TABLE = "market-sentinel-contract";
    private static DynamoDbLocal dynamo;
    private static DynamoDbClient client;
    private String key;
    private int n;

    @BeforeAll
    static void start() {
        dynamo = DynamoDbLocal.start();
        dynamo.createTable(TABLE);
        client = dynamo.client();
    }

    @AfterAll
    static void stop() {
        client.close();
        dynamo.close();
    }

    @Override
    protected StateStore newStore() {
        key = "state-" + System.nanoTime() + "-" + (n++);
        return sameStorage();
    }

    @Override
    protected StateStore sameStorage() {
        return new DynamoDbStateStore(client, TABLE, key, codec, Clock.systemUTC());
    }

    @Test
    void severalDeploymentsShareATableByKey() {
        StateStore a = new DynamoDbStateStore(client, TABLE, "deployment-a", codec, Clock.systemUTC());
        StateStore b = new DynamoDbStateStore(client, TABLE, "deployment-b", codec, Clock.systemUTC());
        a.save(StateFixtures.simulated(Instant.parse("2026-01-01T00:00:00Z"), 10), 0);
        assertThat(b.load().state().version()).isZero();
        assertThat(a.load().state().version()).isEqualTo(1);
    }

    @Test
    void primingReadsAndWritesNothingWhetherTheItemExistsOrNot() {
        StateStore empty = newStore();
        assertThat(empty.prime().state().version()).isZero();
        assertThat(empty.load().sizeBytes()).as("no item was created").isZero();

        StateStore stored = newStore();
        Stored saved = stored.save(StateFixtures.simulated(Instant.parse("2026-01-01T00:00:00Z"), 10), 0);
        assertThat(stored.prime().sizeBytes()).isEqualTo(saved.sizeBytes());
        Stored after = stored.load();
        assertThat(after.state().version()).isEqualTo(1);
        assertThat(codec.encode(after.state())).isEqualTo(codec.encode(saved.state()));
    }

    @Test
    void aMissingTableIsAClearErrorNamingTableAndAction() {
        StateStore store = new DynamoDbStateStore(client, "no-such-table", "state", codec, Clock.systemUTC());
        assertThatThrownBy(store::load).isInstanceOf(StoreException.class)
                .hasMessageStartingWith("DynamoDB GetItem on table 'no-such-table': table not found");
        assertThatThrownBy(() -> store.save(io.marketsentinel.alerting.SentinelState.initial(), 0))
                .hasMessageStartingWith("DynamoDB PutItem on table 'no-such-table': table not found");
    }

    @Test
    void anUnreachableEndpointIsAClearError() throws Exception {
        int closed = Loopback.freePort();
        try (DynamoDbClient offline = DynamoDbClient.builder()
                .endpointOverride(java.net.URI.create("http://127.0.0.1:" + closed))
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("x", "y")))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .build()) {
            StateStore store = new DynamoDbStateStore(offline, TABLE, "state", codec, Clock.systemUTC());
            assertThatThrownBy(store::load).hasMessageContaining("DynamoDB GetItem on table '" + TABLE + "': DynamoDB unreachable");
        }
    }
}
