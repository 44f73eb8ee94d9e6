package io.marketsentinel.market;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * For priming only: answers every CoinGecko request with a canned, valid body before it leaves the
 * process, so that init can run the REST client, Jackson and the validation exactly as a check does
 * without calling CoinGecko (no quota spent, nothing to wait for).
 */
final class CannedAnswers implements ClientRequestFilter {

    private final Instant now;

    CannedAnswers(Instant now) {
        this.now = now;
    }

    @Override
    public void filter(ClientRequestContext request) {
        String path = request.getUri().getPath();
        long seconds = now.getEpochSecond();
        String body;
        if (path.endsWith("/global")) {
            body = "{\"data\":{\"total_market_cap\":{\"usd\":3.0E12},\"updated_at\":" + seconds + "}}";
        } else if (path.endsWith("/simple/price")) {
            body = "{\"bitcoin\":{\"usd\":95000.5,\"last_updated_at\":" + seconds + "}}";
        } else {
            long millis = now.toEpochMilli();
            body = "{\"prices\":[[" + (millis - 86_400_000L) + ",94000.0],[" + millis + ",95000.5]],"
                    + "\"market_cap_chart\":{\"market_cap\":[[" + millis + ",3.0E12]]}}";
        }
        request.abortWith(Response.ok(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
                MediaType.APPLICATION_JSON_TYPE).build());
    }
}
