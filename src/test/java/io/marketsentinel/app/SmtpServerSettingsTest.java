package io.marketsentinel.app;

import io.marketsentinel.config.ConfigCheck;
import io.marketsentinel.config.SentinelConfig;
import io.marketsentinel.notify.email.SmtpServer;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The SMTP settings as the email channel gets them: the port follows the security unless set. */
class SmtpServerSettingsTest {

    private static SmtpServer server(Map<String, String> values) {
        Map<String, String> all = new HashMap<>(values);
        all.put("sentinel.notify.email.smtp.host", "email-smtp.eu-west-1.amazonaws.com");
        SentinelConfig config = new SmallRyeConfigBuilder().withMapping(SentinelConfig.class)
                .withSources(new PropertiesConfigSource(all, "test", 400)).build().getConfigMapping(SentinelConfig.class);
        return Wiring.smtpServer(config.notifications().email().smtp(), ConfigCheck.secrets(config)::get);
    }

    @Test
    void startTlsOn587IsTheDefault() {
        SmtpServer server = server(Map.of());
        assertThat(server.security()).isEqualTo(io.marketsentinel.notify.email.SmtpSecurity.STARTTLS);
        assertThat(server.port()).isEqualTo(587);
        assertThat(server.username()).isEmpty();
    }

    @Test
    void thePortFollowsTheSecurityUnlessSet() {
        assertThat(server(Map.of("sentinel.notify.email.smtp.security", "tls")).port()).isEqualTo(465);
        assertThat(server(Map.of("sentinel.notify.email.smtp.security", "none")).port()).isEqualTo(25);
        assertThat(server(Map.of("sentinel.notify.email.smtp.security", "tls", "sentinel.notify.email.smtp.port", "2465")).port())
                .isEqualTo(2465);
    }

    @Test
    void itsDescriptionNeverShowsTheCredentials() {
        SmtpServer server = server(Map.of("sentinel.notify.email.smtp.username", "AKIAUSERNAME",
                "sentinel.notify.email.smtp.password", "smtp-S3cret"));
        assertThat(server.toString()).contains("email-smtp.eu-west-1.amazonaws.com:587").contains("starttls")
                .doesNotContain("AKIAUSERNAME").doesNotContain("smtp-S3cret");
    }
}
