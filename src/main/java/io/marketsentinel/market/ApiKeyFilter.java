package io.marketsentinel.market;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;

/**
 * Adds the CoinGecko key, when there is one, under the header its type needs ({@code x-cg-demo-api-key}
 * or {@code x-cg-pro-api-key}). Registered on {@link CoinGeckoApi}; a CDI bean, so it is given the
 * client's settings rather than reading the configuration.
 */
@Singleton
final class ApiKeyFilter implements ClientRequestFilter {

    private final CoinGeckoClient.Settings settings;

    @Inject
    ApiKeyFilter(CoinGeckoClient.Settings settings) {
        this.settings = settings;
    }

    @Override
    public void filter(ClientRequestContext request) {
        settings.apiKey().ifPresent(key -> request.getHeaders().putSingle(settings.keyHeader(), key));
    }
}
