package io.marketsentinel.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketsentinel.check.MarketCheck;
import io.marketsentinel.config.SentinelConfig;
import io.marketsentinel.notify.NotificationDispatcher;
import io.marketsentinel.store.BaselineStore;
import org.junit.jupiter.api.Test;
import org.mockito.Answers;
import org.mockito.Mockito;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

class ManualTriggerTest {

    @Test
    void withNoTokenConfiguredEveryRequestIs403AndNothingRuns() {
        SentinelConfig config = Mockito.mock(SentinelConfig.class, Answers.RETURNS_DEEP_STUBS);
        when(config.trigger().token()).thenReturn(Optional.empty());
        MarketCheck check = Mockito.mock(MarketCheck.class);
        BaselineStore store = Mockito.mock(BaselineStore.class);
        ManualTrigger trigger = new ManualTrigger(check, store, config, Clock.systemUTC(), new ObjectMapper(),
                new NotificationDispatcher(List.of(), java.time.Duration.ofHours(24), Clock.systemUTC()));

        HttpResult result = trigger.handle(new HttpRequest("POST", "/check", Map.of(),
                Map.of("authorization", "Bearer anything"), ""));

        assertThat(result.status()).isEqualTo(403);
        assertThat(((HttpResult.Error) result.body()).message()).startsWith("manual trigger disabled");
        verifyNoInteractions(check, store);
    }

    @Test
    void acceptsOnlyTheExactBearerToken() {
        BearerAuth auth = new BearerAuth(Optional.of("s3cret-token"));
        assertThat(auth.check(Optional.of("Bearer s3cret-token"))).isEqualTo(BearerAuth.Verdict.ACCEPTED);
        assertThat(auth.check(Optional.of("bearer s3cret-token"))).isEqualTo(BearerAuth.Verdict.ACCEPTED);
        assertThat(auth.check(Optional.of("Bearer s3cret-toke"))).isEqualTo(BearerAuth.Verdict.REFUSED);
        assertThat(auth.check(Optional.of("s3cret-token"))).isEqualTo(BearerAuth.Verdict.REFUSED);
        assertThat(auth.check(Optional.of("Basic s3cret-token"))).isEqualTo(BearerAuth.Verdict.REFUSED);
        assertThat(auth.check(Optional.empty())).isEqualTo(BearerAuth.Verdict.REFUSED);
        assertThat(new BearerAuth(Optional.of("  ")).check(Optional.of("Bearer   "))).isEqualTo(BearerAuth.Verdict.DISABLED);
    }
}
