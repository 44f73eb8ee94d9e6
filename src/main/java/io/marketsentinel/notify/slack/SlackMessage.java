package io.marketsentinel.notify.slack;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.marketsentinel.alerting.Notification;
import io.marketsentinel.rules.Fact;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A notification as a Slack Block Kit message: a header with the headline, a section with the
 * message, fields with the figures and times, and a context line (rule, threshold, data source
 * and time), plus the plain {@code text} fallback that notifications and old clients show.
 * Slack's limits are respected: 150 characters for a header, 3,000 for a section, 10 fields of
 * at most 2,000 characters. Written by Jackson data binding as the webhook's request body.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SlackMessage(String text, List<Block> blocks) {

    static final int HEADER_MAX = 150;
    static final int SECTION_MAX = 3000;
    static final int FIELD_MAX = 2000;
    static final int FIELDS_MAX = 10;

    /** One Block Kit block; only the members its type uses are set. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Block(String type, Text text, List<Text> fields, List<Text> elements) {
    }

    /** A Block Kit text object: {@code plain_text} or {@code mrkdwn}. */
    @RegisterForReflection
    public record Text(String type, String text) {

        static Text plain(String text) {
            return new Text("plain_text", text);
        }

        static Text markdown(String text) {
            return new Text("mrkdwn", text);
        }
    }

    public static SlackMessage render(Notification n) {
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block("header", Text.plain(truncate(n.headline(), HEADER_MAX)), null, null));
        blocks.add(new Block("section", Text.markdown(truncate(escape(n.text()), SECTION_MAX)), null, null));

        List<Text> fields = new ArrayList<>();
        for (Map.Entry<String, String> fact : n.facts().entrySet()) {
            if (fields.size() == FIELDS_MAX || Fact.isContext(fact.getKey())) {
                continue;
            }
            fields.add(Text.markdown(truncate("*" + Fact.label(fact.getKey()) + "*\n" + escape(fact.getValue()), FIELD_MAX)));
        }
        if (!fields.isEmpty()) {
            blocks.add(new Block("section", null, fields, null));
        }

        StringBuilder context = new StringBuilder(n.rule()).append(" \u00b7 ").append(n.kind().name().toLowerCase());
        Fact.THRESHOLD.in(n.facts()).ifPresent(threshold -> context.append(" \u00b7 threshold: ").append(threshold));
        context.append(" \u00b7 data: CoinGecko").append(Fact.AT.in(n.facts()).map(at -> ", " + at).orElse(""));
        blocks.add(new Block("context", null, null, List.of(Text.markdown(truncate(escape(context.toString()), SECTION_MAX)))));
        return new SlackMessage(truncate(n.headline() + "\n" + n.text(), SECTION_MAX), blocks);
    }

    /** Slack's mrkdwn treats &, < and > as control characters. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "\u2026";
    }
}
