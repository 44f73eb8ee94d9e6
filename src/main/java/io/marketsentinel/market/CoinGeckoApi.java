package io.marketsentinel.market;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.quarkus.rest.client.reactive.Url;
import io.quarkus.rest.client.reactive.jackson.ClientObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.marketsentinel.history.Reading;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The CoinGecko endpoints the function uses, as a Quarkus REST Client. Each returns the raw
 * {@link Response} (as a stage, so the caller can bound the whole exchange), so that {@link CoinGeckoClient} sees the status and Retry-After before it reads
 * the body into one of the DTOs below; status handling, retries, budget and validation are its job.
 * The API key header is added by {@link ApiKeyFilter}, since its name depends on the key type. The
 * client is configured as Quarkus configures REST clients ({@code quarkus.rest-client.coingecko.*}:
 * its URL from {@code sentinel.coingecko.base-url}, transport timeouts, no default exception mapper),
 * and injected once. The base URL is also a parameter ({@link Url}) so that the primer can warm
 * this very client instance against a loopback stub.
 */
@RegisterRestClient(configKey = "coingecko")
@RegisterProvider(ApiKeyFilter.class)
@Produces(MediaType.APPLICATION_JSON)
interface CoinGeckoApi {

    @GET
    @Path("/global")
    CompletionStage<Response> global(@Url String baseUrl);

    @GET
    @Path("/simple/price")
    CompletionStage<Response> simplePrice(@Url String baseUrl, @QueryParam("ids") String ids, @QueryParam("vs_currencies") String currencies,
                         @QueryParam("include_last_updated_at") boolean includeLastUpdatedAt);

    /** Paid plans only: the total market cap over the last {@code days} days. */
    @GET
    @Path("/global/market_cap_chart")
    CompletionStage<Response> marketCapChart(@Url String baseUrl, @QueryParam("vs_currency") String currency, @QueryParam("days") int days);

    @GET
    @Path("/coins/{id}/market_chart")
    CompletionStage<Response> marketChart(@Url String baseUrl, @PathParam("id") String coinId, @QueryParam("vs_currency") String currency,
                         @QueryParam("days") int days, @QueryParam("interval") String interval);

    /**
     * CoinGecko's numbers must be JSON numbers: {@code "usd": "NaN"} or {@code "lots"} is refused as
     * "not a number" rather than coerced, and fields we do not read are ignored.
     */
    @ClientObjectMapper
    static ObjectMapper objectMapper(ObjectMapper defaultMapper) {
        return JsonMapper.builder()
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
    }

    /** {@code GET /global}; its fields are checked where they are read. */
    @RegisterForReflection
    record Global(Data data) {
        @RegisterForReflection
        record Data(@JsonProperty("total_market_cap") Map<String, Double> totalMarketCap,
                    @JsonProperty("updated_at") Long updatedAt) {
        }

        double totalUsd(String request) {
            Data d = Fields.present(data, request, "data");
            return Fields.positive(Fields.present(d.totalMarketCap(), request, "data.total_market_cap").get("usd"),
                    request, "data.total_market_cap.usd");
        }

        Instant updatedAt(String request) {
            return Fields.epochSeconds(Fields.present(data, request, "data").updatedAt(), request, "data.updated_at");
        }
    }

    /** One coin of {@code GET /simple/price}; the answer is a map from coin id to this. */
    @RegisterForReflection
    record Price(Double usd, @JsonProperty("last_updated_at") Long lastUpdatedAt) {

        /** CoinGecko answers an unknown id with nothing, or with an empty object. */
        boolean unknownCoin() {
            return usd == null && lastUpdatedAt == null;
        }

        double usd(String request, String coin) {
            return Fields.positive(usd, request, coin + ".usd");
        }

        Instant updatedAt(String request, String coin) {
            return Fields.epochSeconds(lastUpdatedAt, request, coin + ".last_updated_at");
        }
    }

    /** {@code GET /coins/{id}/market_chart}: {@code [epoch millis, price]} pairs. */
    @RegisterForReflection
    record MarketChart(List<List<Double>> prices) {

        List<Reading> readings(String request) {
            List<List<Double>> points = Fields.nonEmpty(prices, request, "prices");
            List<Reading> readings = new ArrayList<>(points.size());
            for (int i = 0; i < points.size(); i++) {
                readings.add(Fields.reading(points.get(i), request, "prices[" + i + "]"));
            }
            return readings;
        }
    }

    /** {@code GET /global/market_cap_chart}: {@code [epoch millis, total market cap]} pairs. */
    @RegisterForReflection
    record MarketCapChart(@JsonProperty("market_cap_chart") Series marketCapChart) {
        @RegisterForReflection
        record Series(@JsonProperty("market_cap") List<List<Double>> marketCap) {
        }

        List<Reading> readings(String request) {
            List<List<Double>> points = Fields.nonEmpty(Fields.present(marketCapChart, request, "market_cap_chart")
                    .marketCap(), request, "market_cap_chart.market_cap");
            List<Reading> readings = new ArrayList<>(points.size());
            for (int i = 0; i < points.size(); i++) {
                readings.add(Fields.reading(points.get(i), request, "market_cap_chart.market_cap[" + i + "]"));
            }
            return readings;
        }
    }
}
