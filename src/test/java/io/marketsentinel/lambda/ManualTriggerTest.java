package io.marketsentinel.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketsentinel.check.MarketCheck;
import io.marketsentinel.check.SilenceBook;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.verifyNoInteractions;

class ManualTriggerTest {

    @Test
    void withNoTokenConfiguredEveryRequestIs403AndNothingRuns() {
        MarketCheck check = Mockito.mock(MarketCheck.class);
        ManualTrigger trigger = new ManualTrigger(check, Mockito.mock(SilenceBook.class), new ManualTrigger.Settings(Optional.empty(), Duration.ofMinutes(1)),
                Clock.systemUTC(), new ObjectMapper());

        HttpResult result = trigger.handle(new HttpRequest("POST", "/check", Map.of(),
                Map.of("authorization", "Bearer anything"), ""));

        assertThat(result.status()).isEqualTo(403);
        assertThat(((HttpResult.Error) result.body()).message()).startsWith("manual trigger disabled");
        verifyNoInteractions(check);
    }

    /** The token follows the secret while the function runs: a rotated one is taken, the old one refused. */
    @Test
    void aRotatedTokenIsTakenWithoutARestart() {
        MarketCheck check = Mockito.mock(MarketCheck.class);
        Mockito.when(check.status()).thenThrow(new IllegalStateException("status reached"));
        AtomicReference<Optional<String>> token = new AtomicReference<>(Optional.of("old-t0ken"));
        ManualTrigger trigger = new ManualTrigger(check, Mockito.mock(SilenceBook.class),
                new ManualTrigger.Settings(token::get, Duration.ofMinutes(1)), Clock.systemUTC(), new ObjectMapper());
        HttpRequest withOld = new HttpRequest("GET", "/status", Map.of(), Map.of("authorization", "Bearer old-t0ken"), "");
        HttpRequest withNew = new HttpRequest("GET", "/status", Map.of(), Map.of("authorization", "Bearer new-t0ken"), "");
        assertThat(trigger.handle(withNew).status()).isEqualTo(401);

        token.set(Optional.of("new-t0ken"));

        assertThat(trigger.handle(withOld).status()).isEqualTo(401);
        assertThatThrownBy(() -> trigger.handle(withNew)).as("let in").hasMessage("status reached");
    }

    @Test
    void acceptsOnlyTheExactBearerToken() {
        BearerAuth auth = new BearerAuth(Optional.of("s3cret-token"));
        assertThat(auth.check(Optional.of("Bearer s3cret-token"))).isEqualTo(BearerAuth.Access.ACCEPTED);
        assertThat(auth.check(Optional.of("bearer s3cret-token"))).isEqualTo(BearerAuth.Access.ACCEPTED);
        assertThat(auth.check(Optional.of("Bearer s3cret-toke"))).isEqualTo(BearerAuth.Access.REFUSED);
        assertThat(auth.check(Optional.of("s3cret-token"))).isEqualTo(BearerAuth.Access.REFUSED);
        assertThat(auth.check(Optional.of("Basic s3cret-token"))).isEqualTo(BearerAuth.Access.REFUSED);
        assertThat(auth.check(Optional.empty())).isEqualTo(BearerAuth.Access.REFUSED);
        assertThat(new BearerAuth(Optional.of("  ")).check(Optional.of("Bearer   "))).isEqualTo(BearerAuth.Access.DISABLED);
    }
}
