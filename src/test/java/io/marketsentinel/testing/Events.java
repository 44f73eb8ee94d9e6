package io.marketsentinel.testing;

import io.restassured.RestAssured;
import io.restassured.response.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Posts Lambda events to Quarkus' mock event server, as the Lambda service would deliver them. */
public final class Events {

    /** The mock event server's port in tests. */
    public static final int PORT = 8081;

    private Events() {
    }

    public static String fixture(String name) {
        try (InputStream in = Events.class.getResourceAsStream("/events/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no event fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Response post(String eventJson) {
        return RestAssured.given()
                .port(PORT)
                .contentType("application/json")
                .body(eventJson)
                .post("/_lambda_");
    }
}
