package io.marketsentinel.notify.telegram;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.marketsentinel.alerting.Notification;
import io.marketsentinel.notify.MessageText;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Map;

/**
 * A notification as one Telegram message in HTML ({@code parse_mode=HTML}): the headline in bold, the
 * message, the facts a line each, all escaped, and cut to Telegram's 4,096 characters (counted after
 * the markup is parsed; cutting the escaped text keeps well within it).
 */
@RegisterForReflection
public record TelegramMessage(@JsonProperty("chat_id") String chatId, String text,
                              @JsonProperty("parse_mode") String parseMode,
                              @JsonProperty("disable_web_page_preview") boolean noPreview) {

    static final int TEXT_MAX = 4096;
    /** A photo's caption is shorter: 1,024 characters. */
    static final int CAPTION_MAX = 1024;

    static TelegramMessage render(Notification n, String chatId) {
        return new TelegramMessage(chatId, html(n, TEXT_MAX), "HTML", true);
    }

    /** The text of {@code n} as a photo's caption. */
    static String caption(Notification n) {
        return html(n, CAPTION_MAX);
    }

    private static String html(Notification n, int max) {
        StringBuilder text = new StringBuilder()
                .append("<b>").append(MessageText.html(MessageText.cut(n.headline(), 512))).append("</b>\n")
                .append(MessageText.html(n.text()));
        for (Map.Entry<String, String> fact : MessageText.labelledFacts(n).entrySet()) {
            text.append('\n').append(MessageText.html(fact.getKey())).append(": ").append(MessageText.html(fact.getValue()));
        }
        return cutOutsideEntities(text.toString(), max);
    }

    /** Cut at the limit, never inside an entity ({@code &amp;}) or a tag, which Telegram would refuse. */
    private static String cutOutsideEntities(String html, int max) {
        if (html.length() <= max) {
            return html;
        }
        int end = max - 1;
        int amp = html.lastIndexOf('&', end);
        if (amp >= 0 && html.indexOf(';', amp) >= end) {
            end = amp;
        }
        int open = html.lastIndexOf('<', end);
        if (open >= 0 && html.indexOf('>', open) >= end) {
            end = open;
        }
        String cut = html.substring(0, end);
        // The bold headline is closed before anything is cut: the cut falls in plain text.
        return cut + "\u2026";
    }
}
