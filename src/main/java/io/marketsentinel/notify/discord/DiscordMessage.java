package io.marketsentinel.notify.discord;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.marketsentinel.alerting.Notification;
import io.marketsentinel.notify.MessageText;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A notification as one Discord embed, within Discord's limits: a title of at most 256 characters, a
 * description of at most 4,096, at most 25 fields of 256 (name) and 1,024 (value), 6,000 in all the
 * embed's text, and a content line of at most 2,000. Markdown in the text is escaped.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DiscordMessage(String content, List<Embed> embeds) {

    static final int CONTENT_MAX = 2000;
    static final int TITLE_MAX = 256;
    static final int DESCRIPTION_MAX = 4096;
    static final int FIELDS_MAX = 25;
    static final int FIELD_NAME_MAX = 256;
    static final int FIELD_VALUE_MAX = 1024;
    static final int EMBED_TOTAL_MAX = 6000;

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Embed(String title, String description, List<Field> fields, String timestamp, Image image) {
    }

    /** The embed's picture: {@code attachment://<file name>} for a file sent with the message. */
    @RegisterForReflection
    public record Image(String url) {
    }

    @RegisterForReflection
    public record Field(String name, String value, boolean inline) {
    }

    static DiscordMessage render(Notification n) {
        return render(n, null);
    }

    /** @param attachment the name of a chart sent with the message, shown as the embed's image; {@code null}: none */
    static DiscordMessage render(Notification n, String attachment) {
        String title = MessageText.cut(n.headline(), TITLE_MAX);
        String description = MessageText.cut(MessageText.markdown(n.text()), DESCRIPTION_MAX);
        int total = title.length() + description.length();
        List<Field> fields = new ArrayList<>();
        for (Map.Entry<String, String> fact : MessageText.labelledFacts(n).entrySet()) {
            String name = MessageText.cut(fact.getKey(), FIELD_NAME_MAX);
            String value = MessageText.cut(MessageText.markdown(fact.getValue()), FIELD_VALUE_MAX);
            if (fields.size() == FIELDS_MAX || total + name.length() + value.length() > EMBED_TOTAL_MAX) {
                break;
            }
            total += name.length() + value.length();
            fields.add(new Field(name, value, value.length() <= 40));
        }
        return new DiscordMessage(MessageText.cut(n.rule() + " \u00b7 " + n.kind().name().toLowerCase(), CONTENT_MAX),
                List.of(new Embed(title, description, fields, n.createdAt().toString(),
                        attachment == null ? null : new Image("attachment://" + attachment))));
    }
}
