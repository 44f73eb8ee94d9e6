package io.marketsentinel.replay;

import io.marketsentinel.alerting.SentinelState;
import io.marketsentinel.store.StateStore;
import io.marketsentinel.testing.DefaultSettings;
import io.marketsentinel.testing.FakeServers;
import io.marketsentinel.testing.Scenario;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** Years of imported history make "lowest since" reach past the free plan's 365 days. */
@QuarkusTest
@WithTestResource(FakeServers.class)
class ImportThenCheckTest {

    @Inject
    StateStore store;

    @Test
    void aCheckAfterAnImportUsesTheImportedHistoryAndNeedsNoBootstrap() throws Exception {
        Scenario world = Scenario.fresh();
        LocalDate today = LocalDate.ofInstant(world.now(), ZoneOffset.UTC);
        LocalDate planted = today.minusDays(460);
        StringBuilder text = new StringBuilder("timestamp,bitcoin_usd\n");
        for (LocalDate day = today.minusDays(500); day.isBefore(today); day = day.plusDays(1)) {
            // A three-day dip to the planted low: a real dip, not a one-day glitch the guard would drop.
            String price = day.equals(planted) ? "60000" : day.equals(planted.minusDays(1)) ? "75000"
                    : day.equals(planted.plusDays(1)) ? "72000" : "90000";
            text.append(day).append("T00:00:00Z,").append(price).append('\n');
        }
        HistoryCsv.Parsed csv = HistoryCsv.read(new StringReader(text.toString()), "years.csv");
        SentinelState loaded = store.load().state();
        store.save(HistoryImport.merge(loaded, csv, java.time.Duration.ofDays(8), DefaultSettings.guard()).state(), loaded.version());

        JsonPath report = world.scheduled(3000, 61_000);

        assertThat(report.getList("apiCalls.request")).containsExactly("GET /global", "GET /simple/price");
        assertThat(report.getString("findings.find { it.rule == 'coin-low' }.facts.lowestSince")).isEqualTo(planted.toString());
        assertThat(report.getString("notifications[0].headline")).contains("lowest since " + planted + " (15 months)");
    }
}
