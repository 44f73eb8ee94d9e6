package io.marketsentinel.lambda;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP request as it arrived in a Lambda Function URL / HTTP API (payload 2.0) or REST API
 * proxy (1.0) event, normalised: header names in lower case, the query split into parameters, and
 * the body decoded from base64 where the event says so.
 */
record HttpRequest(String method, String path, Map<String, List<String>> query, Map<String, String> headers,
                   String body) {

    Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
    }
}
