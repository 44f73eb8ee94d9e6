package io.marketsentinel.testing;

import com.github.tomakehurst.wiremock.WireMockServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/** CoinGecko-shaped answers, from the fixtures in {@code src/test/resources/coingecko}. */
public final class CoinGeckoStubs {

    public static final String BASE = "/api/v3";

    private CoinGeckoStubs() {
    }

    public static String fixture(String name) {
        try (InputStream in = CoinGeckoStubs.class.getResourceAsStream("/coingecko/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String globalBody(double totalUsd, Instant updatedAt) {
        return fixture("global.json")
                .replace("${TOTAL_USD}", String.format(Locale.ROOT, "%.2f", totalUsd))
                .replace("${UPDATED_AT}", Long.toString(updatedAt.getEpochSecond()));
    }

    public static String pricesBody(Map<String, Double> prices, Instant updatedAt) {
        return prices.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "\"%s\":{\"usd\":%.2f,\"last_updated_at\":%d}",
                        e.getKey(), e.getValue(), updatedAt.getEpochSecond()))
                .collect(Collectors.joining(",", "{", "}"));
    }

    /** Answers {@code /global} with the total, updated a minute before {@code now}. */
    public static void global(WireMockServer server, double totalUsd, Instant now) {
        server.stubFor(get(urlPathEqualTo(BASE + "/global")).willReturn(okJson(globalBody(totalUsd, now.minusSeconds(60)))));
    }

    /** Answers {@code /simple/price} with these prices, updated a minute before {@code now}. */
    /** {@code GET /global} answers with this status and no body. */
    public static void globalFails(WireMockServer server, int status) {
        server.stubFor(get(urlPathEqualTo(BASE + "/global")).willReturn(aResponse().withStatus(status)));
    }

    public static void prices(WireMockServer server, Map<String, Double> prices, Instant now) {
        server.stubFor(get(urlPathEqualTo(BASE + "/simple/price")).willReturn(okJson(pricesBody(prices, now.minusSeconds(60)))));
    }

    /** Answers {@code /coins/{coin}/market_chart} with one price per day for {@code days} days before {@code now}. */
    /**
     * Serves a market total and prices from the start of the next second: the function keeps one
     * reading per second, so two checks within one second would be one reading.
     */
    public static void marketInNextSecond(WireMockServer server, double totalUsd, Map<String, Double> prices)
            throws InterruptedException {
        Thread.sleep(1_000 - Instant.now().toEpochMilli() % 1_000 + 10);
        Instant now = Instant.now();
        global(server, totalUsd, now);
        prices(server, prices, now);
    }

    public static void dailyChart(WireMockServer server, String coin, Instant now, int days, double price,
                                  Map<Integer, Double> daysAgoOverrides) {
        StringBuilder body = new StringBuilder("{\"prices\":[");
        long today = now.getEpochSecond() / 86_400 * 86_400;
        for (int ago = days; ago >= 1; ago--) {
            double p = daysAgoOverrides.getOrDefault(ago, price);
            body.append(String.format(Locale.ROOT, "[%d,%.2f],", (today - ago * 86_400L) * 1000, p));
        }
        body.setLength(body.length() - 1);
        body.append("],\"market_caps\":[],\"total_volumes\":[]}");
        server.stubFor(get(urlPathEqualTo(BASE + "/coins/" + coin + "/market_chart"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body.toString())));
    }
}
