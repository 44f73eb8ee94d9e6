package io.marketsentinel.notify.slack;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketsentinel.alerting.Notification;
import io.marketsentinel.notify.FactLabels;

import java.util.Map;

/**
 * A notification as a Slack Block Kit message: a header with the headline, a section with the
 * message, fields with the figures and times, and a context line (rule, threshold, data source
 * and time), plus the plain {@code text} fallback that notifications and old clients show.
 * Slack's limits are respected: 150 characters for a header, 3,000 for a section, 10 fields of
 * at most 2,000 characters.
 */
public final class SlackMessage {

    static final int HEADER_MAX = 150;
    static final int SECTION_MAX = 3000;
    static final int FIELD_MAX = 2000;
    static final int FIELDS_MAX = 10;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SlackMessage() {
    }

    public static ObjectNode render(Notification n) {
        ObjectNode message = NODES.objectNode();
        message.put("text", truncate(n.headline() + "\n" + n.text(), SECTION_MAX));
        ArrayNode blocks = message.putArray("blocks");

        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", truncate(n.headline(), HEADER_MAX));

        ObjectNode section = blocks.addObject().put("type", "section");
        section.putObject("text").put("type", "mrkdwn").put("text", truncate(escape(n.text()), SECTION_MAX));

        ArrayNode fields = NODES.arrayNode();
        for (Map.Entry<String, String> fact : n.facts().entrySet()) {
            if (fields.size() == FIELDS_MAX || FactLabels.isContext(fact.getKey())) {
                continue;
            }
            fields.addObject().put("type", "mrkdwn").put("text",
                    truncate("*" + FactLabels.label(fact.getKey()) + "*\n" + escape(fact.getValue()), FIELD_MAX));
        }
        if (!fields.isEmpty()) {
            blocks.addObject().put("type", "section").set("fields", fields);
        }

        StringBuilder context = new StringBuilder(n.rule()).append(" \u00b7 ").append(n.kind().name().toLowerCase());
        String threshold = n.facts().get("threshold");
        if (threshold != null) {
            context.append(" \u00b7 threshold: ").append(threshold);
        }
        String at = n.facts().get("at");
        context.append(" \u00b7 data: CoinGecko").append(at == null ? "" : ", " + at);
        blocks.addObject().put("type", "context").putArray("elements").addObject()
                .put("type", "mrkdwn").put("text", truncate(escape(context.toString()), SECTION_MAX));
        return message;
    }

    /** Slack's mrkdwn treats &, < and > as control characters. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "\u2026";
    }
}
