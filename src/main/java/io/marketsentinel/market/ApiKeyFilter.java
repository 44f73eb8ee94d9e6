package io.marketsentinel.market;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;

/** Adds the CoinGecko key under the header its type needs ({@code x-cg-demo-api-key} or {@code x-cg-pro-api-key}). */
final class ApiKeyFilter implements ClientRequestFilter {

    private final String header;
    private final String key;

    ApiKeyFilter(String header, String key) {
        this.header = header;
        this.key = key;
    }

    @Override
    public void filter(ClientRequestContext request) {
        request.getHeaders().putSingle(header, key);
    }
}
