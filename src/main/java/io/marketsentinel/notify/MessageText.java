package io.marketsentinel.notify;

import io.marketsentinel.alerting.Notification;
import io.marketsentinel.rules.Fact;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every chat channel shows of a notification, and the two things each does to it: cut at its own
 * limit with a visible ellipsis (a message never fails for its length) and escape its own markup.
 */
public final class MessageText {

    private MessageText() {
    }

    /** {@code text} cut to at most {@code max} characters, the last of them an ellipsis when it was cut. */
    public static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, Math.max(0, max - 1)) + "\u2026";
    }

    /** The facts people read, labelled, in display order (the context ones — threshold, time — left to a footer). */
    public static Map<String, String> labelledFacts(Notification n) {
        Map<String, String> facts = new LinkedHashMap<>();
        n.facts().forEach((key, value) -> {
            if (!Fact.isContext(key)) {
                facts.put(Fact.label(key), value);
            }
        });
        return facts;
    }

    /** Telegram's HTML: {@code &}, {@code <} and {@code >} as entities, so a name with {@code <} reads as itself. */
    public static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Discord's and Teams' markdown: its marks backslash-escaped, so {@code *} and {@code _} read as themselves. */
    public static String markdown(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            if ("\\*_~`|>#[]()".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
