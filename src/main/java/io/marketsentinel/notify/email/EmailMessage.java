package io.marketsentinel.notify.email;

import io.marketsentinel.alerting.Notification;
import io.marketsentinel.rules.Fact;

import java.util.Map;

/** A notification as a mail: subject = headline, and text and HTML bodies with the same facts. */
public final class EmailMessage {

    private EmailMessage() {
    }

    /**
     * The same for every attempt at the same notification, so a mail sent again after a crash is
     * recognisable as the same message (and mail clients thread or de-duplicate it).
     */
    public static String messageId(Notification n) {
        return "<" + n.id().replaceAll("[^A-Za-z0-9._-]", ".") + "@market-sentinel>";
    }

    public static String subject(Notification n) {
        return n.headline();
    }

    public static String text(Notification n) {
        StringBuilder out = new StringBuilder(n.text()).append("\n\n");
        for (Map.Entry<String, String> fact : n.facts().entrySet()) {
            out.append(Fact.label(fact.getKey())).append(": ").append(fact.getValue()).append('\n');
        }
        out.append("\n-- \nmarket-sentinel \u00b7 rule ").append(n.rule()).append(" \u00b7 ")
                .append(n.kind().name().toLowerCase()).append(" \u00b7 data: CoinGecko\n");
        return out.toString();
    }

    /** The inline chart's Content-ID, as the HTML part refers to it. */
    static final String CHART_CID = "chart@market-sentinel";

    public static String html(Notification n) {
        return html(n, null);
    }

    /** @param chartCid the inline chart's Content-ID, shown under the message; {@code null}: no chart */
    static String html(Notification n, String chartCid) {
        StringBuilder out = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">")
                .append("<h2>").append(escape(n.headline())).append("</h2>")
                .append("<p>").append(escape(n.text())).append("</p>");
        if (chartCid != null) {
            out.append("<p><img src=\"cid:").append(chartCid).append("\" alt=\"").append(escape(n.headline()))
                    .append("\" width=\"800\"></p>");
        }
        out.append("<table cellpadding=\"4\">");
        for (Map.Entry<String, String> fact : n.facts().entrySet()) {
            out.append("<tr><th align=\"left\">").append(escape(Fact.label(fact.getKey())))
                    .append("</th><td>").append(escape(fact.getValue())).append("</td></tr>");
        }
        out.append("</table><p style=\"color:#666\">market-sentinel &middot; rule ").append(escape(n.rule()))
                .append(" &middot; ").append(n.kind().name().toLowerCase()).append(" &middot; data: CoinGecko</p>")
                .append("</body></html>");
        return out.toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
