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
    UNKNOWN;

    static EventShape of(JsonNode event) {
        if ("aws.events".equals(event.path("source").asText(null))
                && "Scheduled Event".equals(event.path("detail-type").asText(null))) {
            return SCHEDULED;
        }
        if (event.size() == 1 && "check".equals(event.path("action").asText(null))) {
            return SCHEDULER_ACTION;
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
                + " (source aws.events, detail-type \"Scheduled Event\") or {\"action\": \"check\"}; got fields "
                + fields;
    }
}
