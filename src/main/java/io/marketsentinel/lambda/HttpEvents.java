package io.marketsentinel.lambda;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads the two HTTP event shapes Lambda delivers into one {@link HttpRequest}. */
final class HttpEvents {

    /** Bodies above this are refused: the trigger takes at most a small JSON object. */
    static final int MAX_BODY_BYTES = 4096;

    private HttpEvents() {
    }

    /** Function URL / HTTP API payload 2.0: {@code requestContext.http.method}, {@code rawPath}, {@code rawQueryString}. */
    static HttpRequest fromV2(JsonNode event) {
        String method = event.path("requestContext").path("http").path("method").asText("");
        String path = event.path("rawPath").asText("/");
        Map<String, List<String>> query = parseQuery(event.path("rawQueryString").asText(""));
        return new HttpRequest(method.toUpperCase(Locale.ROOT), path, query, headers(event.path("headers")), body(event));
    }

    /** REST API proxy payload 1.0: {@code httpMethod}, {@code path}, {@code multiValueQueryStringParameters}. */
    static HttpRequest fromV1(JsonNode event) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        JsonNode multi = event.path("multiValueQueryStringParameters");
        JsonNode single = event.path("queryStringParameters");
        if (multi.isObject()) {
            multi.fields().forEachRemaining(e -> e.getValue().forEach(v -> query.computeIfAbsent(e.getKey(),
                    k -> new ArrayList<>()).add(v.asText())));
        } else if (single.isObject()) {
            single.fields().forEachRemaining(e -> query.put(e.getKey(), List.of(e.getValue().asText())));
        }
        return new HttpRequest(event.path("httpMethod").asText("").toUpperCase(Locale.ROOT),
                event.path("path").asText("/"), query, headers(event.path("headers")), body(event));
    }

    private static Map<String, String> headers(JsonNode node) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                headers.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asText());
            }
        }
        return headers;
    }

    private static String body(JsonNode event) {
        JsonNode body = event.path("body");
        if (body.isMissingNode() || body.isNull()) {
            return "";
        }
        String text = body.asText();
        if (event.path("isBase64Encoded").asBoolean(false)) {
            try {
                byte[] decoded = Base64.getDecoder().decode(text);
                checkSize(decoded.length);
                return new String(decoded, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("body is marked base64 but is not valid base64");
            }
        }
        checkSize(text.getBytes(StandardCharsets.UTF_8).length);
        return text;
    }

    private static void checkSize(int bytes) {
        if (bytes > MAX_BODY_BYTES) {
            throw new BadRequestException("body too large: " + bytes + " bytes (at most " + MAX_BODY_BYTES + ")");
        }
    }

    static Map<String, List<String>> parseQuery(String raw) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return query;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("query string is not valid URL encoding");
        }
    }
}
