package io.marketsentinel.market;

import java.io.IOException;
import java.util.Map;

/**
 * The CoinGecko endpoints the function uses, as raw HTTP: status handling, retries and validation
 * belong to {@link CoinGeckoClient}. A {@code null} key is not sent.
 */
interface CoinGeckoApi {

    /** One HTTP answer: status, the headers the client reads, and the body as text. */
    record Answer(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    Answer global(String keyHeader, String key) throws IOException;

    Answer simplePrice(String ids, String keyHeader, String key) throws IOException;

    /** Paid plans only: the total market cap over the last {@code days} days. */
    Answer marketCapChart(int days, String keyHeader, String key) throws IOException;

    Answer marketChart(String coinId, String keyHeader, String key) throws IOException;
}
