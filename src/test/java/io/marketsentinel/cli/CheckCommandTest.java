package io.marketsentinel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.marketsentinel.check.CheckReport;
import io.marketsentinel.check.CheckReports;
import io.marketsentinel.check.MarketCheck;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code check} says what it read, found and sent in a few lines; {@code --format json} gives the whole report. */
class CheckCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .registerModule(new Jdk8Module());

    private static CommandRun check(String... args) {
        // The use case at its seam: a check that ran, fetched, found a drawdown and sent it to Slack.
        MarketCheck check = Mockito.mock(MarketCheck.class);
        CheckReport report = CheckReports.sample();
        Mockito.when(check.run(Mockito.anyBoolean())).thenReturn(report);
        return CommandRun.of(new CheckCommand(check, JSON), args);
    }

    @Test
    void byDefaultItPrintsWhatWasReadFoundNotifiedAndDelivered() {
        CommandRun run = check();

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("ok: 1 new notification(s); 1 send(s) tried, 0 failed\n")
                .contains("read:      total market cap $2,547.1B (CoinGecko, 2026-02-04 11:59 UTC); Bitcoin $72,850.50 [1 CoinGecko call]")
                .containsPattern("rule: +market-drawdown +BREACHED +Crypto market down")
                .containsPattern("rule: +coin-low:bitcoin +ok +Bitcoin at \\$72,850.50")
                .containsPattern("notified: +NEW +Crypto market down \\$468.2B")
                .containsPattern("sent: +slack +DELIVERED +ok");
        assertThat(run.out().lines().count()).as("a few lines, not the report").isLessThan(12);
    }

    @Test
    void withFormatJsonItPrintsTheWholeReport() throws Exception {
        CommandRun run = check("--format", "json");

        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.path("outcome").asText()).isEqualTo("ok");
        assertThat(report.path("findings")).hasSize(2);
        assertThat(report.at("/deliveries/0/channel").asText()).isEqualTo("slack");
    }

    @Test
    void anUnknownFormatIsRefusedNamingTheValuesItTakes() {
        CommandRun run = check("--format", "yaml");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--format").contains("yaml").contains("text, json");
    }
}
