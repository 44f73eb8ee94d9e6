package io.marketsentinel.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP answer, written as the proxy-integration result Lambda expects (statusCode, headers, body). */
record HttpResult(int status, Map<String, String> headers, JsonNode body) {

    static HttpResult json(int status, JsonNode body) {
        return new HttpResult(status, Map.of(), body);
    }

    /** An error body: {"error": code, "message": sentence}. */
    static HttpResult error(int status, String code, String message) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("error", code).put("message", message);
        return new HttpResult(status, Map.of(), body);
    }

    HttpResult withHeader(String name, String value) {
        Map<String, String> next = new LinkedHashMap<>(headers);
        next.put(name, value);
        return new HttpResult(status, next, body);
    }

    ObjectNode toEvent() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("statusCode", status);
        ObjectNode h = out.putObject("headers");
        h.put("content-type", "application/json");
        headers.forEach(h::put);
        out.put("body", body.toString());
        out.put("isBase64Encoded", false);
        return out;
    }
}
