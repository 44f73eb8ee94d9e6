package io.marketsentinel.it;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.marketsentinel.testing.CoinGeckoStubs;
import io.marketsentinel.testing.Events;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A scheduled check of the native executable, through the mock event server. */
final class NativeChecks {

    private NativeChecks() {
    }

    /**
     * Serves a market total and a bitcoin price, posts a scheduled event and returns the report.
     * Starts in a new second: the function takes two readings within one second as one.
     */
    static JsonPath scheduled(WireMockServer coinGecko, double totalBillions) throws Exception {
        CoinGeckoStubs.marketInNextSecond(coinGecko, totalBillions * 1e9, Map.of("bitcoin", 70_000.0));
        Response response = Events.post(Events.fixture("scheduled-event.json"));
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return response.jsonPath();
    }
}
