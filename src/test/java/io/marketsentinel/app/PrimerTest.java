package io.marketsentinel.app;

import io.marketsentinel.testing.FakeServers;
import io.marketsentinel.testing.LogCapture;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Priming runs what a check runs, on canned answers: nothing reaches CoinGecko, Slack or the mail server. */
@QuarkusTest
@WithTestResource(FakeServers.class)
class PrimerTest {

    @Inject
    Primer primer;

    @Test
    void primesEveryStepWithoutCallingOrSendingAnything() throws Exception {
        FakeServers.coinGecko().resetRequests();
        FakeServers.slack().resetRequests();
        FakeServers.smtp().purgeEmailFromAllMailboxes();

        try (LogCapture logs = LogCapture.start()) {
            Primer.Primed primed = primer.prime();

            assertThat(primed.cannedCoinGeckoCalls()).as("global, simple/price and a market chart, answered in-process")
                    .isEqualTo(3);
            assertThat(primed.stateRead()).isTrue();
            assertThat(primed.notifications())
                    .as("the sample's coin low speaks at once; its drawdown waits for its confirmation (for = 15 min)")
                    .isEqualTo(1);
            assertThat(primed.chartBytes()).as("the coin low's chart drawn once, so the first alert does not pay for it")
                    .isBetween(1, 100 * 1024);
            assertThat(logs.all()).contains("event=primed").doesNotContain("prime_skipped");
        }
        assertThat(FakeServers.coinGecko().getAllServeEvents()).as("CoinGecko requests").isEmpty();
        assertThat(FakeServers.slack().getAllServeEvents()).as("Slack posts").isEmpty();
        assertThat(FakeServers.smtp().getReceivedMessages()).as("mails").isEmpty();
    }
}
