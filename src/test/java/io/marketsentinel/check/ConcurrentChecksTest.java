package io.marketsentinel.check;

import io.marketsentinel.alerting.SentinelState;
import io.marketsentinel.store.StateStore;
import io.marketsentinel.testing.DynamoDbProfile;
import io.marketsentinel.testing.FakeServers;
import io.marketsentinel.testing.Scenario;
import io.marketsentinel.testing.SlackStubs;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Overlapping runs against one state in DynamoDB (Local) never both notify. */
@QuarkusTest
@TestProfile(DynamoDbProfile.class)
class ConcurrentChecksTest {

    @Inject
    MarketCheck check;

    @Inject
    StateStore store;

    @Test
    void eightSimultaneousChecksOfAFiringDropNotifyExactlyOnce() throws Exception {
        Scenario world = Scenario.fresh();
        assertThat(store.describe()).startsWith("DynamoDB table");
        world.market(3014.7, 70_000);
        check.run(false);
        world.later().market(2562.5, 70_000);
        check.run(false);
        world.later().market(2562.5, 70_000);
        FakeServers.slack().resetRequests();
        long before = store.load().state().version();

        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<CheckReport>> runs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            runs.add(pool.submit(() -> {
                start.await();
                return check.run(false);
            }));
        }
        start.countDown();
        List<CheckReport> reports = new ArrayList<>();
        for (Future<CheckReport> run : runs) {
            reports.add(run.get());
        }
        pool.shutdown();

        assertThat(reports).filteredOn(r -> r.outcome().equals("ok")).hasSize(1);
        assertThat(reports).filteredOn(r -> r.outcome().equals("lost-race")).hasSize(7)
                .allSatisfy(r -> {
                    assertThat(r.message()).isEqualTo("another run won; nothing stored, nothing sent");
                    assertThat(r.deliveries()).isEmpty();
                });
        assertThat(SlackStubs.posts(FakeServers.slack())).isEqualTo(1);
        SentinelState stored = store.load().state();
        assertThat(stored.version()).as("one run saved twice: the outbox, then the delivery marks").isEqualTo(before + 2);
        assertThat(stored.episodes()).filteredOn(e -> e.key().equals("market-drawdown"))
                .singleElement().satisfies(e -> assertThat(e.sequence()).isEqualTo(1));
        assertThat(reports.stream().filter(r -> r.outcome().equals("ok")).findFirst().orElseThrow().state().sizeBytes())
                .isPositive();
    }

    @Test
    void aRunStartedWhileAnotherDeliversSendsNoneOfItsClaimsAndItsMarksSurvive() throws Exception {
        Scenario world = Scenario.fresh();
        world.market(3014.7, 70_000);
        check.run(false);
        world.later().market(2562.5, 70_000);
        check.run(false);
        world.later().market(2562.5, 70_000);
        SlackStubs.acceptingAfter(FakeServers.slack(), 2_000);

        FakeServers.slackArrivals().reset();
        CompletableFuture<CheckReport> first = CompletableFuture.supplyAsync(() -> check.run(false));
        // The second run starts while the first is inside its delivery: Slack holds the first's post.
        FakeServers.slackArrivals().await(1);
        CheckReport second = check.run(false);
        CheckReport firstReport = first.get();

        assertThat(firstReport.notifications()).hasSize(1);
        assertThat(second.outcome()).isEqualTo("ok");
        assertThat(second.deliveries()).as("the overlapping run sends nothing the first had claimed").isEmpty();
        assertThat(SlackStubs.posts(FakeServers.slack())).isEqualTo(1);
        assertThat(store.load().state().outbox().pending()).as("the first run's acceptances are stored").isEmpty();
    }
}
