package io.marketsentinel.check;

import io.marketsentinel.alerting.SentinelState;
import io.marketsentinel.store.StateStore;
import io.marketsentinel.testing.FakeServers;
import io.marketsentinel.testing.Scenario;
import io.marketsentinel.testing.SlackStubs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** A run that starts while another is still delivering sends none of what the first claimed, and loses none of its marks. */
@QuarkusTest
@WithTestResource(FakeServers.class)
class OverlappingRunsTest {

    @Inject
    MarketCheck check;

    @Inject
    StateStore store;

    private Scenario world;

    @BeforeEach
    void fresh() throws Exception {
        world = Scenario.fresh();
        world.scheduled(3014.7, 70_000);
        world.later().scheduled(2562.5, 70_000);
        world.later().market(2562.5, 70_000);
    }

    @Test
    void aRunStartedMeanwhileSendsNothingTheFirstClaimedAndItsAcceptancesAreKept() throws Exception {
        // Slack takes two seconds to accept (within its three-second timeout).
        SlackStubs.acceptingAfter(FakeServers.slack(), 2_000);

        FakeServers.slackArrivals().reset();
        CompletableFuture<CheckReport> first = CompletableFuture.supplyAsync(() -> check.run(false));
        // The second run starts while the first is inside its delivery: Slack holds the first's post.
        FakeServers.slackArrivals().await(1);
        CheckReport second = check.run(false);
        CheckReport firstReport = first.get();

        assertThat(firstReport.notifications()).hasSize(1);
        assertThat(firstReport.deliveries()).extracting(d -> d.outcome().name()).containsOnly("DELIVERED");
        assertThat(second.deliveries()).as("the second run sends nothing the first had claimed").isEmpty();
        assertThat(FakeServers.slack().getAllServeEvents()).as("Slack posts").hasSize(1);
        assertThat(java.util.Arrays.stream(FakeServers.smtp().getReceivedMessages()).map(m -> {
            try {
                return m.getMessageID();
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).distinct()).as("one mail (to each recipient)").hasSize(1);

        SentinelState stored = store.load().state();
        assertThat(stored.outbox().pending()).as("the first run's acceptances survived the second run's save").isEmpty();
        world.later().market(2562.5, 70_000);
        assertThat(check.run(false).deliveries()).as("a later run has nothing to resend").isEmpty();
        assertThat(FakeServers.slack().getAllServeEvents()).hasSize(1);
    }

    @Test
    void aSendTheRunsBudgetCannotCoverIsNotStartedAndStaysPendingForTheNextRun() {
        SlackStubs.acceptingAfter(FakeServers.slack(), 2_500);
        long start = System.nanoTime();
        // Deadline 7.9 s from now with the 5 s reserve: under 2.9 s for deliveries, less than Slack's 3 s timeout.
        CheckReport report = check.run(false, world.now().plus(Duration.ofMillis(7_900)));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(7_900));
        assertThat(report.deliveries()).filteredOn(d -> d.channel().equals("slack")).singleElement()
                .satisfies(d -> {
                    assertThat(d.outcome().name()).isEqualTo("NOT_STARTED");
                    assertThat(d.detail()).contains("not started").contains("pending for the next run");
                });
        assertThat(report.message()).contains("not started");
        assertThat(report.pendingPerChannel()).containsEntry("slack", 1);
        assertThat(SlackStubs.posts(FakeServers.slack())).as("no post was begun and cut").isZero();
        assertThat(store.load().state().outbox().pending().get(0).channels().get("slack").attempts())
                .as("untouched").isZero();
    }
}
