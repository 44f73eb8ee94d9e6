package io.marketsentinel.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketsentinel.alerting.AlertLedger;
import io.marketsentinel.alerting.Evaluator;
import io.marketsentinel.alerting.Notification;
import io.marketsentinel.alerting.Outbox;
import io.marketsentinel.alerting.SentinelState;
import io.marketsentinel.config.SentinelConfig;
import io.marketsentinel.history.History;
import io.marketsentinel.market.ApiCall;
import io.marketsentinel.market.CoinGeckoClient;
import io.marketsentinel.market.MarketSnapshot;
import io.marketsentinel.notify.DeliveryAttempt;
import io.marketsentinel.notify.DeliveryResult;
import io.marketsentinel.notify.NotificationDispatcher;
import io.marketsentinel.store.BaselineStore;
import io.marketsentinel.store.StateCodec;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Priming at init: does once, before the first invocation (and before SnapStart's snapshot, which
 * Quarkus takes after start-up), the first-time work a check would otherwise pay on the clock of
 * the first alert — the REST clients on canned answers, Jackson on every record the check writes,
 * the rules' formatting, the store's first request (a real read of the state) and each channel's
 * message rendering. Nothing is sent and CoinGecko is not called. A step that fails is logged and
 * skipped: priming never stops the function from starting.
 */
@ApplicationScoped
public class Primer {

    private static final Logger LOG = Logger.getLogger(Primer.class);

    private final SentinelConfig config;
    private final CoinGeckoClient coinGecko;
    private final BaselineStore store;
    private final NotificationDispatcher dispatcher;
    private final ObjectMapper mapper;
    private final MarketCheck check;

    public Primer(SentinelConfig config, CoinGeckoClient coinGecko, BaselineStore store,
                  NotificationDispatcher dispatcher, ObjectMapper mapper, MarketCheck check) {
        this.config = config;
        this.coinGecko = coinGecko;
        this.store = store;
        this.dispatcher = dispatcher;
        this.mapper = mapper;
        this.check = check;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.prime()) {
            prime();
        }
    }

    /** What priming did, for the log and the tests. */
    public record Primed(int cannedCoinGeckoCalls, boolean stateRead, int notifications, long millis) {
    }

    public Primed prime() {
        long start = System.nanoTime();
        int calls = step("coingecko", coinGecko::prime).orElse(0);
        boolean stateRead = step("store", () -> store.load() != null).orElse(false);
        Optional<Evaluator.Result> evaluated = step("rules", this::evaluateSample);
        List<Notification> sample = evaluated.map(Evaluator.Result::notifications).orElse(List.of());
        sample.stream().findFirst().ifPresent(n -> step("notify", () -> {
            dispatcher.prime(n);
            return true;
        }));
        evaluated.ifPresent(result -> step("json", () -> writeSampleReport(result)));
        step("check", () -> check != null);
        Primed primed = new Primed(calls, stateRead, sample.size(), (System.nanoTime() - start) / 1_000_000);
        LOG.infof("event=primed coingecko_canned_calls=%d state_read=%s sample_notifications=%d ms=%d",
                primed.cannedCoinGeckoCalls(), primed.stateRead(), primed.notifications(), primed.millis());
        return primed;
    }

    /** Two readings a crash apart through the real rules and a throwaway ledger: both rules format a message. */
    private Evaluator.Result evaluateSample() {
        Instant now = Instant.now();
        Duration retention = RuleFactory.marketRetention(config);
        History history = History.empty()
                .record(now.minus(Duration.ofDays(200)), 3.0e12, Map.of("bitcoin", 90_000.0), retention)
                .withCoin("bitcoin", History.empty().coin("bitcoin")
                        .observe(now.minus(Duration.ofDays(200)), 90_000.0)
                        .observe(now.minus(Duration.ofDays(100)), 95_000.0))
                .record(now.minus(Duration.ofHours(1)), 3.0e12, Map.of(), retention)
                .record(now, 2.4e12, Map.of("bitcoin", 60_000.0), retention);
        Evaluator evaluator = new Evaluator(RuleFactory.fromConfig(config), Optional.empty());
        return evaluator.evaluate(history, AlertLedger.empty(), now, dispatcher.channels());
    }

    /** The report and the state document as a check writes them, through the same mappers. */
    private boolean writeSampleReport(Evaluator.Result result) throws JsonProcessingException {
        List<Notification> sample = result.notifications();
        SentinelState state = SentinelState.initial().withOutbox(Outbox.empty().add(sample));
        StateCodec codec = new StateCodec();
        codec.decode(codec.encode(state));
        Instant now = Instant.now();
        MarketSnapshot snapshot = new MarketSnapshot(now, 3.0e12, now,
                Map.of("bitcoin", new MarketSnapshot.CoinQuote(95_000.5, now)));
        List<DeliveryAttempt> attempts = sample.stream()
                .map(n -> new DeliveryAttempt(n.id(), "primer", DeliveryResult.Outcome.DELIVERED, "primed", 1)).toList();
        mapper.writeValueAsString(new CheckReport("primed", "primed", true, now, snapshot, Map.of(), result.findings(), result.decisions(),
                sample, attempts, Map.of(), List.of(), List.of(new ApiCall("GET /global", 200, 1.0)), Map.of(),
                new CheckReport.StoredState(store.describe(), 0, 0)));
        return true;
    }

    @FunctionalInterface
    private interface Step<T> {
        T run() throws Exception;
    }

    private static <T> Optional<T> step(String name, Step<T> step) {
        try {
            return Optional.ofNullable(step.run());
        } catch (Exception e) {
            LOG.warnf("event=prime_skipped step=%s reason=%s", name, e.getClass().getSimpleName());
            return Optional.empty();
        }
    }
}
