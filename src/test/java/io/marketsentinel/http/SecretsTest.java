package io.marketsentinel.http;

import io.marketsentinel.http.HttpAnswers;
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
}
