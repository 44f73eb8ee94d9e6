package io.marketsentinel.notify.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketsentinel.alerting.Notification;
import io.marketsentinel.notify.Notifications;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SlackMessageTest {

    @Test
    void hasAHeaderFieldsAContextLineAndATextFallback() {
        JsonNode message = new ObjectMapper().valueToTree(SlackMessage.render(Notifications.drawdown("market-drawdown/1/1")));
        JsonNode blocks = message.get("blocks");

        assertThat(message.get("text").asText()).startsWith("Crypto market down $468.2B (\u221215.5%) from its 7-day high\n");
        assertThat(blocks.get(0).get("type").asText()).isEqualTo("header");
        assertThat(blocks.get(0).get("text").get("text").asText()).isEqualTo("Crypto market down $468.2B (\u221215.5%) from its 7-day high");
        assertThat(blocks.get(1).get("text").get("text").asText()).contains("$2,546.5B");
        assertThat(blocks.get(2).get("fields").findValuesAsText("text"))
                .contains("*Drop from high*\n$468.2B", "*Window high*\n$3,014.7B", "*High at*\n2026-01-29 08:00 UTC");
        String context = blocks.get(3).get("elements").get(0).get("text").asText();
        assertThat(context).contains("market-drawdown", "threshold: 15.0% from the 7-day high", "data: CoinGecko, 2026-02-04 12:00 UTC");
    }

    @Test
    void keepsEverySectionWithinSlacksLimits() {
        Notification base = Notifications.drawdown("x");
        Notification huge = new Notification(base.id(), base.createdAt(), base.rule(), null, base.kind(),
                "H".repeat(400), "T".repeat(10_000), base.facts(), base.channels());
        JsonNode message = new ObjectMapper().valueToTree(SlackMessage.render(huge));
        assertThat(message.get("blocks").get(0).get("text").get("text").asText()).hasSize(SlackMessage.HEADER_MAX);
        assertThat(message.get("blocks").get(1).get("text").get("text").asText()).hasSize(SlackMessage.SECTION_MAX);
        assertThat(message.get("text").asText().length()).isLessThanOrEqualTo(SlackMessage.SECTION_MAX);
    }
}
