package io.marketsentinel.config;

import io.smallrye.config.ConfigValue;
import io.smallrye.config.ConfigSourceContext;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.when;

class SecretsConfigSourceFactoryTest {

    private static final String ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:market-sentinel-AbCdEf";

    private static ConfigSourceContext context(String arn) {
        ConfigSourceContext context = Mockito.mock(ConfigSourceContext.class);
        when(context.getValue(SecretsConfigSourceFactory.ARN_KEY))
                .thenReturn(arn == null ? null : ConfigValue.builder().withName(SecretsConfigSourceFactory.ARN_KEY).withValue(arn).build());
        return context;
    }

    @Test
    void withoutAnArnNothingIsRead() {
        SecretsConfigSourceFactory factory = new SecretsConfigSourceFactory(arn -> {
            throw new AssertionError("must not read");
        });
        assertThat(factory.getConfigSources(context(null))).isEmpty();
    }

    @Test
    void theSecretsJsonKeysBecomeConfigurationAndEmptyPlaceholdersAreSkipped() {
        SecretsConfigSourceFactory factory = new SecretsConfigSourceFactory(arn -> """
                {"sentinel.notify.slack.webhook-url": "https://hooks.slack.com/services/T1/B2/xyz",
                 "sentinel.trigger.token": "t0ken", "sentinel.notify.email.smtp.password": ""}""");
        List<ConfigSource> sources = new ArrayList<>();
        factory.getConfigSources(context(ARN)).forEach(sources::add);
        assertThat(sources).hasSize(1);
        ConfigSource source = sources.get(0);
        assertThat(source.getValue("sentinel.trigger.token")).isEqualTo("t0ken");
        assertThat(source.getValue("sentinel.notify.slack.webhook-url")).startsWith("https://hooks.slack.com/");
        assertThat(source.getValue("sentinel.notify.email.smtp.password")).isNull();
        assertThat(source.getOrdinal()).isEqualTo(275);
    }

    @Test
    void aSecretThatIsNotJsonStopsTheStartWithoutShowingIt() {
        SecretsConfigSourceFactory factory = new SecretsConfigSourceFactory(arn -> "hunter2-plain-secret");
        assertThatThrownBy(() -> factory.getConfigSources(context(ARN)))
                .hasMessage("secret " + ARN + " is not a JSON object of configuration keys")
                .message().doesNotContain("hunter2");
    }
}
