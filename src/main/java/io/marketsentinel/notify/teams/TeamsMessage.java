package io.marketsentinel.notify.teams;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.marketsentinel.alerting.Notification;
import io.marketsentinel.notify.MessageText;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.ArrayList;
import java.util.List;

/**
 * A notification as a Teams Workflows message: one Adaptive Card with the headline, the message and the
 * facts as a FactSet, no buttons — the shape Workflows webhooks take (the Office 365 connectors are
 * retired). Texts are cut so that the card stays well under Teams' 28 KB message limit.
 */
@RegisterForReflection
public record TeamsMessage(String type, List<Attachment> attachments) {

    static final int TEXT_MAX = 4000;
    static final int FACTS_MAX = 20;
    static final int FACT_MAX = 500;

    @RegisterForReflection
    public record Attachment(String contentType, Card content) {
    }

    @RegisterForReflection
    public record Card(@JsonProperty("$schema") String schema, String type, String version, List<Element> body) {
    }

    /** A TextBlock ({@code text}) or a FactSet ({@code facts}). */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Element(String type, String text, String weight, String size, Boolean wrap, List<FactEntry> facts) {
    }

    @RegisterForReflection
    public record FactEntry(String title, String value) {
    }

    static TeamsMessage render(Notification n) {
        List<Element> body = new ArrayList<>();
        body.add(new Element("TextBlock", MessageText.cut(MessageText.markdown(n.headline()), TEXT_MAX), "Bolder", "Medium",
                true, null));
        body.add(new Element("TextBlock", MessageText.cut(MessageText.markdown(n.text()), TEXT_MAX), null, null, true, null));
        List<FactEntry> facts = new ArrayList<>();
        MessageText.labelledFacts(n).forEach((label, value) -> {
            if (facts.size() < FACTS_MAX) {
                facts.add(new FactEntry(label, MessageText.cut(value, FACT_MAX)));
            }
        });
        if (!facts.isEmpty()) {
            body.add(new Element("FactSet", null, null, null, null, facts));
        }
        Card card = new Card("http://adaptivecards.io/schemas/adaptive-card.json", "AdaptiveCard", "1.4", body);
        return new TeamsMessage("message", List.of(new Attachment("application/vnd.microsoft.card.adaptive", card)));
    }
}
