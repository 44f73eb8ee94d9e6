package io.marketsentinel.lambda;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The kinds of event the handler accepts, recognised by their fields. */
enum EventShape {
    /** An EventBridge rule's scheduled event. */
    SCHEDULED,
    /** EventBridge Scheduler with the input {@code {"action": "check"}}. */
    SCHEDULER_ACTION,
    /** Lambda Function URL or API Gateway HTTP API, payload format 2.0. */
    HTTP_V2,
    /** API Gateway REST API proxy integration, payload format 1.0. */
    HTTP_V1,
    UNKNOWN;

    static EventShape of(JsonNode event) {
        if ("aws.events".equals(event.path("source").asText(null))
                && "Scheduled Event".equals(event.path("detail-type").asText(null))) {
            return SCHEDULED;
        }
        if (event.size() == 1 && "check".equals(event.path("action").asText(null))) {
            return SCHEDULER_ACTION;
        }
        // HTTP-shaped by any of its marks: one with a part missing or of the wrong type is still an HTTP
        // request, and gets a 400 answer naming it rather than an invocation error.
        if (event.has("rawPath") || event.has("routeKey") || event.path("requestContext").has("http")
                || "2.0".equals(event.path("version").asText(null)) && event.has("requestContext")) {
            return HTTP_V2;
        }
        if (event.has("httpMethod") || event.has("resource") || event.has("requestContext") && event.has("path")) {
            return HTTP_V1;
        }
        return UNKNOWN;
    }

    /** Names the fields that were seen (never their values: an unknown event may carry anything). */
    static String describeUnknown(JsonNode event) {
        List<String> fields = new ArrayList<>();
        Iterator<String> names = event.fieldNames();
        while (names.hasNext() && fields.size() < 10) {
            fields.add(names.next());
        }
        String action = event.path("action").isTextual() ? " with unknown action" : "";
        return "unsupported event" + action + ": expected an EventBridge scheduled event"
                + " (source aws.events, detail-type \"Scheduled Event\"), {\"action\": \"check\"}, or an HTTP event"
                + " (Function URL payload 2.0 or REST API proxy 1.0); got fields "
                + fields;
    }
}
