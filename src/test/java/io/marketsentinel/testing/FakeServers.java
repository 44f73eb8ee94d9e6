package io.marketsentinel.testing;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * The outside world for the Quarkus tests, on loopback only: WireMock as CoinGecko. Started once
 * for all Quarkus tests, which share one application.
 */
public class FakeServers implements QuarkusTestResourceLifecycleManager {

    private static WireMockServer coinGecko;

    public static WireMockServer coinGecko() {
        return coinGecko;
    }

    @Override
    public Map<String, String> start() {
        coinGecko = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        coinGecko.start();
        return Map.of(
                "sentinel.coingecko.base-url", "http://127.0.0.1:" + coinGecko.port() + "/api/v3",
                "sentinel.coingecko.api-key", "CG-test-demo-key-5ecret",
                "sentinel.coingecko.timeout", "PT1S",
                "sentinel.coingecko.retry-backoff", "PT0.05S",
                "sentinel.coingecko.budget", "PT10S");
    }

    @Override
    public void stop() {
        if (coinGecko != null) {
            coinGecko.stop();
        }
    }
}
