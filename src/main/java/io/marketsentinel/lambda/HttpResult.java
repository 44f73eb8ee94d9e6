package io.marketsentinel.lambda;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP answer of the trigger: a status, headers, and a body that Jackson writes as JSON. */
record HttpResult(int status, Map<String, String> headers, Object body) {

    /** An error body. */
    @RegisterForReflection
    record Error(String error, String message) {
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

    Map<String, String> headersWithContentType() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("content-type", "application/json");
        h.putAll(headers);
        return h;
    }
}
