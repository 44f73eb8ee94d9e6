package io.marketsentinel.market;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@link CoinGeckoApi} over the JDK's {@link HttpURLConnection}. The benchmark showed the REST
 * client stack costing about 0.4 s on the first check after a cold start for two GET requests;
 * this needs no more than java.base, which Lambda loads anyway.
 */
final class HttpCoinGeckoApi implements CoinGeckoApi {

    private final String baseUrl;
    private final int timeoutMillis;

    HttpCoinGeckoApi(String baseUrl, Duration timeout) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    @Override
    public Answer global(String keyHeader, String key) throws IOException {
        return get("/global", keyHeader, key);
    }

    @Override
    public Answer simplePrice(String ids, String keyHeader, String key) throws IOException {
        return get("/simple/price?ids=" + encode(ids) + "&vs_currencies=usd&include_last_updated_at=true", keyHeader, key);
    }

    @Override
    public Answer marketCapChart(int days, String keyHeader, String key) throws IOException {
        return get("/global/market_cap_chart?vs_currency=usd&days=" + days, keyHeader, key);
    }

    @Override
    public Answer marketChart(String coinId, String keyHeader, String key) throws IOException {
        return get("/coins/" + encode(coinId) + "/market_chart?vs_currency=usd&days=365&interval=daily", keyHeader, key);
    }

    private Answer get(String pathAndQuery, String keyHeader, String key) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(baseUrl + pathAndQuery).toURL().openConnection();
        try {
            connection.setConnectTimeout(timeoutMillis);
            connection.setReadTimeout(timeoutMillis);
            connection.setInstanceFollowRedirects(false);
            connection.setRequestProperty("Accept", "application/json");
            if (key != null) {
                connection.setRequestProperty(keyHeader, key);
            }
            int status = connection.getResponseCode();
            Map<String, String> headers = new HashMap<>();
            for (Map.Entry<String, List<String>> h : connection.getHeaderFields().entrySet()) {
                if (h.getKey() != null && !h.getValue().isEmpty()) {
                    headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue().get(0));
                }
            }
            InputStream body = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            String text = body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8);
            return new Answer(status, headers, text);
        } finally {
            connection.disconnect();
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
