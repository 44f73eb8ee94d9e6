package io.marketsentinel.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Between the typed HTTP events of {@code aws-lambda-java-events} and the trigger's one
 * {@link HttpRequest}: header names in lower case, the query as parameters (repeats kept, so that a
 * repeated {@code dryRun} can be refused), the body decoded from base64 where the event says so;
 * and the answer as the typed response of the same payload format.
 */
final class HttpEvents {

    /** Bodies above this are refused: the trigger takes at most a small JSON object. */
    static final int MAX_BODY_BYTES = 4096;

    private HttpEvents() {
    }

    /** Function URL / HTTP API payload 2.0. */
    static HttpRequest request(APIGatewayV2HTTPEvent event) {
        if (event.getRequestContext() == null || event.getRequestContext().getHttp() == null
                || event.getRequestContext().getHttp().getMethod() == null || event.getRawPath() == null) {
            throw new BadRequestException("HTTP event without requestContext.http.method or rawPath");
        }
        return new HttpRequest(event.getRequestContext().getHttp().getMethod().toUpperCase(Locale.ROOT), event.getRawPath(),
                parseQuery(event.getRawQueryString()), headers(event.getHeaders()),
                body(event.getBody(), event.getIsBase64Encoded()));
    }

    /** REST API proxy payload 1.0. */
    static HttpRequest request(APIGatewayProxyRequestEvent event) {
        if (event.getHttpMethod() == null || event.getPath() == null || event.getRequestContext() == null) {
            throw new BadRequestException("HTTP event without httpMethod, path or requestContext");
        }
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (event.getMultiValueQueryStringParameters() != null) {
            event.getMultiValueQueryStringParameters().forEach((name, values) -> query.put(name, List.copyOf(values)));
        } else if (event.getQueryStringParameters() != null) {
            event.getQueryStringParameters().forEach((name, value) -> query.put(name, List.of(value)));
        }
        return new HttpRequest(event.getHttpMethod().toUpperCase(Locale.ROOT), event.getPath(), query,
                headers(event.getHeaders()), body(event.getBody(), Boolean.TRUE.equals(event.getIsBase64Encoded())));
    }

    static APIGatewayV2HTTPResponse v2(HttpResult result, String body) {
        APIGatewayV2HTTPResponse response = new APIGatewayV2HTTPResponse();
        response.setStatusCode(result.status());
        response.setHeaders(result.headersWithContentType());
        response.setBody(body);
        response.setIsBase64Encoded(false);
        return response;
    }

    static APIGatewayProxyResponseEvent v1(HttpResult result, String body) {
        return new APIGatewayProxyResponseEvent().withStatusCode(result.status())
                .withHeaders(result.headersWithContentType()).withBody(body).withIsBase64Encoded(false);
    }

    private static Map<String, String> headers(Map<String, String> given) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (given != null) {
            given.forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
        }
        return headers;
    }

    private static String body(String body, boolean base64) {
        if (body == null) {
            return "";
        }
        if (base64) {
            try {
                byte[] decoded = Base64.getDecoder().decode(body);
                checkSize(decoded.length);
                return new String(decoded, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("body is marked base64 but is not valid base64");
            }
        }
        checkSize(body.getBytes(StandardCharsets.UTF_8).length);
        return body;
    }

    private static void checkSize(int bytes) {
        if (bytes > MAX_BODY_BYTES) {
            throw new BadRequestException("body too large: " + bytes + " bytes (at most " + MAX_BODY_BYTES + ")");
        }
    }

    /** Payload 2.0 gives the raw query; its parsed map joins repeats with commas, which would hide a repeated dryRun. */
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
