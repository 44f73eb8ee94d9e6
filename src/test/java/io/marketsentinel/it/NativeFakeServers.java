package io.marketsentinel.it;

import io.marketsentinel.testing.Loopback;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;


/**
 * CoinGecko and Slack on loopback for the packaged (native) executable, which runs with the real
 * clock: the drawdown alerts on its first reading ({@code for = PT0S}) so no test has to wait.
 */
public class NativeFakeServers implements QuarkusTestResourceLifecycleManager {

    static final String SLACK_PATH = "/services/T0NATIVE/B0NATIVE/n4tiveS3cret";
    static final String TOKEN = "native-trigger-t0ken";
    static WireMockServer coinGecko;
    static WireMockServer slack;

    @Override
    public Map<String, String> start() {
        coinGecko = Loopback.wireMock();
        slack = Loopback.wireMock();
        return Map.of(
                "sentinel.coingecko.base-url", "http://127.0.0.1:" + coinGecko.port() + "/api/v3",
                "sentinel.coingecko.retries", "0",
                "sentinel.rules.drawdown.for", "PT0S",
                // Instantaneous drops on purpose: the guard is tested at its defaults elsewhere.
                "sentinel.guard.step-percent", "1000",
                "sentinel.guard.max-percent", "1000",
                "sentinel.store.file.path", "target/native-it-state/state.json",
                "sentinel.notify.slack.webhook-url", "http://127.0.0.1:" + slack.port() + SLACK_PATH,
                "sentinel.trigger.token", TOKEN);
    }

    @Override
    public void stop() {
        coinGecko.stop();
        slack.stop();
    }
}
