package io.marketsentinel.lambda;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP answer: a status, headers, and a body that Jackson writes as JSON. */
record HttpResult(int status, Map<String, String> headers, Object body) {

    /** An error body. */
    @RegisterForReflection
    record Error(String error, String message) {
    }

    /** The proxy-integration result Lambda expects for Function URL and API Gateway events. */
    @RegisterForReflection
    record ProxyResult(int statusCode, Map<String, String> headers, String body,
                       @JsonProperty("isBase64Encoded") boolean base64Encoded) {
    }

    static HttpResult json(int status, Object body) {
        return new HttpResult(status, Map.of(), body);
    }

    static HttpResult error(int status, String code, String message) {
        return new HttpResult(status, Map.of(), new Error(code, message));
    }

    HttpResult withHeader(String name, String value) {
        Map<String, String> next = new LinkedHashMap<>(headers);
        next.put(name, value);
        return new HttpResult(status, next, body);
    }

    ProxyResult toEvent(ObjectMapper mapper) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("content-type", "application/json");
        h.putAll(headers);
        try {
            return new ProxyResult(status, h, mapper.writeValueAsString(body), false);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("answer could not be written as JSON", e);
        }
    }
}
