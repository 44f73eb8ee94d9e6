package io.marketsentinel.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Function URL (payload 2.0) and REST API (1.0) events made from the fixtures, one field at a time. */
public final class HttpEventBuilder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode event;
    private final boolean v2;

    private HttpEventBuilder(String fixture, boolean v2) {
        try {
            this.event = (ObjectNode) JSON.readTree(Events.fixture(fixture));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        this.v2 = v2;
    }

    public static HttpEventBuilder functionUrl(String method, String path) {
        HttpEventBuilder b = new HttpEventBuilder("function-url-request.json", true);
        b.event.put("rawPath", path);
        ((ObjectNode) b.event.get("requestContext").get("http")).put("method", method).put("path", path);
        return b;
    }

    public static HttpEventBuilder restApi(String method, String path) {
        HttpEventBuilder b = new HttpEventBuilder("rest-api-request.json", false);
        b.event.put("httpMethod", method).put("path", path);
        return b;
    }

    public HttpEventBuilder query(String raw) {
        event.put("rawQueryString", raw);
        return this;
    }

    public HttpEventBuilder bearer(String token) {
        return header(v2 ? "authorization" : "Authorization", "Bearer " + token);
    }

    public HttpEventBuilder header(String name, String value) {
        ((ObjectNode) event.get("headers")).put(name, value);
        return this;
    }

    public HttpEventBuilder body(String body) {
        event.put("body", body);
        event.put("isBase64Encoded", false);
        return this;
    }

    public HttpEventBuilder base64Body(String body) {
        event.put("body", Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)));
        event.put("isBase64Encoded", true);
        return this;
    }

    /** A body flagged as base64 as it is, to test what is not base64. */
    public HttpEventBuilder markedBase64(String body) {
        event.put("body", body);
        event.put("isBase64Encoded", true);
        return this;
    }

    /** Takes a part out of the event ("requestContext", "rawPath"), as a hand-made event may lack it. */
    public HttpEventBuilder without(String field) {
        event.remove(field);
        return this;
    }

    /** Sets a part to any JSON value: a number for the method, an object for the body (a direct invoke). */
    public HttpEventBuilder raw(String field, String json) {
        try {
            event.set(field, JSON.readTree(json));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return this;
    }

    /** Sets the Function URL request's method to a number. */
    public HttpEventBuilder numericMethod() {
        ((ObjectNode) event.get("requestContext").get("http")).put("method", 42);
        return this;
    }

    /** The event as JSON, for a runtime other than the mock event server. */
    public String json() {
        return event.toString();
    }

    /** Posts the event to the mock event server; returns the proxy result Lambda would hand back. */
    public HttpAnswer send() {
        Response response = Events.post(event.toString());
        if (response.statusCode() != 200) {
            throw new AssertionError("invocation failed: " + response.asString());
        }
        return new HttpAnswer(response.jsonPath());
    }

    /** The function's HTTP answer: status, headers and the JSON body. */
    public record HttpAnswer(JsonPath result) {
        public int status() {
            return result.getInt("statusCode");
        }

        public String header(String name) {
            return result.getString("headers.'" + name + "'");
        }

        public JsonPath body() {
            return new JsonPath(result.getString("body"));
        }

        public String raw() {
            return result.prettify();
        }
    }
}
