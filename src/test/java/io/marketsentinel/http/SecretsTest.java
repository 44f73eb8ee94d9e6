package io.marketsentinel.http;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SecretsTest {

    @Test
    void aSlackWebhookShowsOnlyItsShape() {
        assertThat(HttpAnswers.redactUrl("https://hooks.slack.com/services/T0AB12CD/B0EF34GH/xYz1234567890abcdef"))
                .isEqualTo("https://hooks.slack.com/services/T\u2026/B\u2026/***");
    }

    @Test
    void somethingThatIsNotAUrlIsHiddenWhole() {
        assertThat(HttpAnswers.redactUrl("not a url")).isEqualTo("***");
    }

    @Test
    void scrubsSecretsAndUrlPathsOutOfText() {
        String url = "https://hooks.slack.com/services/T0AB/B0CD/s3cretPart";
        String text = "POST " + url + " failed; path /services/T0AB/B0CD/s3cretPart; password hunter22";
        String scrubbed = Secrets.scrub(text, List.of(url, "hunter22"));
        assertThat(scrubbed).doesNotContain("s3cretPart").doesNotContain("hunter22").contains("***");
    }

    @Test
    void scrubsEachIdentifyingPartOfAWebhookThatAServerEchoesAlone() {
        String url = "https://hooks.slack.com/services/T0AB12CD/B0EF34GH/xYz1234567890abcdef";
        String echoed = "invalid_token: xYz1234567890abcdef; team T0AB12CD; route B0EF34GH/xYz1234567890abcdef";
        String scrubbed = Secrets.scrub(echoed, List.of(url));
        assertThat(scrubbed).doesNotContain("xYz1234567890abcdef").doesNotContain("T0AB12CD").doesNotContain("B0EF34GH")
                .startsWith("invalid_token: ***");
    }

    @Test
    void scrubsAQuerySignatureAndEachPartOfAToken() {
        String teams = "https://prod-11.westeurope.logic.azure.com/workflows/4f2c9d/triggers/manual/paths/invoke"
                + "?api-version=2016-06-01&sig=Zk3S3cretSigValue";
        assertThat(Secrets.scrub("403: signature Zk3S3cretSigValue refused", List.of(teams)))
                .isEqualTo("403: signature *** refused");
        String botToken = "123456789:AAE-S3cretBotTokenPart";
        assertThat(Secrets.scrub("bot 123456789 with AAE-S3cretBotTokenPart: Unauthorized", List.of(botToken)))
                .isEqualTo("bot *** with ***: Unauthorized");
    }

    @Test
    void plainWordsOfAUrlAreLeftReadable() {
        String url = "https://hooks.slack.com/services/T0AB12CD/B0EF34GH/xYz1234567890abcdef";
        assertThat(Secrets.scrub("the services are down", List.of(url))).isEqualTo("the services are down");
    }
}
