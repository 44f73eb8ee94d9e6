package io.marketsentinel.it;

import io.marketsentinel.testing.CoinGeckoStubs;
import io.marketsentinel.testing.HttpEventBuilder;
import io.marketsentinel.testing.HttpEventBuilder.HttpAnswer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.marketsentinel.testing.HttpEventBuilder.functionUrl;
import static org.assertj.core.api.Assertions.assertThat;

/** The manual trigger against the native executable, with Function URL events. */
@QuarkusIntegrationTest
@WithTestResource(NativeFakeServers.class)
class HttpTriggerNativeIT {

    @Test
    void tokenDryRunAndStatusWork() {
        NativeFakeServers.slack.resetRequests();
        Instant now = Instant.now();
        CoinGeckoStubs.global(NativeFakeServers.coinGecko, 3e12, now);
        CoinGeckoStubs.prices(NativeFakeServers.coinGecko, Map.of("bitcoin", 70_000.0), now);
        CoinGeckoStubs.dailyChart(NativeFakeServers.coinGecko, "bitcoin", now, 365, 70_000, Map.of());

        assertThat(functionUrl("POST", "/check").send().status()).isEqualTo(401);
        assertThat(functionUrl("POST", "/check").bearer("wrong").send().status()).isEqualTo(401);
        HttpAnswer dry = functionUrl("POST", "/check").query("dryRun=true").bearer(NativeFakeServers.TOKEN).send();
        assertThat(dry.status()).isEqualTo(200);
        assertThat(dry.body().getString("outcome")).isEqualTo("dry-run");
        NativeFakeServers.slack.verify(0, postRequestedFor(urlPathEqualTo(NativeFakeServers.SLACK_PATH)));
        HttpAnswer status = HttpEventBuilder.functionUrl("GET", "/status").bearer(NativeFakeServers.TOKEN).send();
        assertThat(status.status()).isEqualTo(200);
    }
}
