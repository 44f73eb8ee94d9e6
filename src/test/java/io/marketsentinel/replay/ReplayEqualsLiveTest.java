package io.marketsentinel.replay;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.marketsentinel.alerting.SentinelState;
import io.marketsentinel.check.CheckReport;
import io.marketsentinel.check.MarketCheck;
import io.marketsentinel.store.StateStore;
import io.marketsentinel.testing.CoinGeckoStubs;
import io.marketsentinel.testing.DefaultSettings;
import io.marketsentinel.testing.FakeServers;
import io.marketsentinel.testing.Scenario;
import io.marketsentinel.testing.TestClock;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same observations through the live check (CoinGecko on WireMock, the test clock at each
 * row's time, the real file store) and through the replay give the same notifications.
 */
@QuarkusTest
@WithTestResource(FakeServers.class)
class ReplayEqualsLiveTest {

    private static final Instant FROM = Instant.parse("2026-01-27T00:00:00Z");
    private static final Instant UNTIL = Instant.parse("2026-02-06T00:00:00Z");

    @Inject
    MarketCheck check;

    @Inject
    StateStore store;

    /** What matters of a notification for the comparison. */
    record Seen(Instant time, String rule, String coin, String kind, String headline) {
    }

    @Test
    void replayAndLiveChecksNotifyAlike() throws Exception {
        Instant clockBefore = TestClock.INSTANCE.instant();
        try {
            compare();
        } finally {
            // Other tests expect time to move forward only (the trigger's throttle remembers it).
            TestClock.INSTANCE.set(clockBefore.plus(Duration.ofDays(1)));
        }
    }

    private void compare() throws Exception {
        Scenario.fresh();
        HistoryCsv.Parsed csv = HistoryCsv.read(new StringReader(Files.readString(ReplayScenarioTest.SHIPPED)), "crash");
        List<Observation> rows = csv.rows().stream().filter(r -> r.time().isBefore(UNTIL)).toList();
        List<Observation> before = rows.stream().filter(r -> r.time().isBefore(FROM)).toList();
        List<Observation> checks = rows.stream().filter(r -> !r.time().isBefore(FROM)).toList();

        // Live: the history before FROM imported, as a user would, then one check per row.
        HistoryImport.Outcome imported = HistoryImport.merge(SentinelState.initial(),
                new HistoryCsv.Parsed(csv.coins(), true, before), Duration.ofDays(8), DefaultSettings.guard());
        store.save(imported.state(), 0);
        WireMockServer coinGecko = FakeServers.coinGecko();
        List<Seen> live = new ArrayList<>();
        for (Observation row : checks) {
            TestClock.INSTANCE.set(row.time());
            coinGecko.resetMappings();
            CoinGeckoStubs.global(coinGecko, row.totalMarketCapUsd(), row.time());
            CoinGeckoStubs.prices(coinGecko, Map.of("bitcoin", row.prices().get("bitcoin")), row.time());
            CheckReport report = check.run(false);
            assertThat(report.apiCallCount()).isEqualTo(2);
            report.notifications().forEach(n -> live.add(new Seen(row.time(), n.rule(), n.subject(), n.kind().name(), n.headline())));
        }

        Replayer.Result replayed = new Replayer(ReplayScenarioTest.defaults(csv.coins())).run(rows, Optional.of(FROM));
        List<Seen> replay = replayed.sent().stream().map(s -> new Seen(s.time(), s.notification().rule(),
                s.notification().subject(), s.notification().kind().name(), s.notification().headline())).toList();

        assertThat(live).hasSize(3);
        assertThat(replay).isEqualTo(live);
    }
}
