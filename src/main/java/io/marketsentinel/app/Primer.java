package io.marketsentinel.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketsentinel.alerting.AlertLedger;
import io.marketsentinel.alerting.Evaluator;
import io.marketsentinel.alerting.Notification;
import io.marketsentinel.alerting.Outbox;
import io.marketsentinel.alerting.SentinelState;
import io.marketsentinel.check.ChartDrawing;
import io.marketsentinel.check.CheckReport;
import io.marketsentinel.config.SentinelConfig;
import io.marketsentinel.history.CoinHistory;
import io.marketsentinel.history.History;
import io.marketsentinel.history.MarketHistory;
import io.marketsentinel.history.Reading;
import io.marketsentinel.http.LoopbackStub;
import io.marketsentinel.lambda.SentinelHandler;
import io.marketsentinel.market.ApiCall;
import io.marketsentinel.market.CoinGeckoClient;
import io.marketsentinel.market.MarketSnapshot;
import io.marketsentinel.notify.DeliveryAttempt;
import io.marketsentinel.notify.DeliveryResult;
import io.marketsentinel.notify.Channels;
import io.marketsentinel.store.StateStore;
import io.marketsentinel.store.StateCodec;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Priming at init: does once, before the first invocation (and before SnapStart's snapshot, which
 * Quarkus takes after start-up), the first-time work a check would otherwise pay on the clock of
 * the first alert — the REST clients' first requests (to a loopback stub with canned answers), Jackson
 * on every record the check writes,
 * the rules' formatting, the store's first request (a real read of the state) and each channel's
 * message rendering. Nothing is sent and CoinGecko is not called. A step that fails is logged and
 * skipped: priming never stops the function from starting.
 */
@ApplicationScoped
public class Primer {

    private static final Logger LOG = Logger.getLogger(Primer.class);

    private final SentinelConfig config;
    private final CoinGeckoClient coinGecko;
    private final StateStore store;
    private final Channels channels;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final SentinelHandler handler;
    private final ChartDrawing charts;

    public Primer(Clock clock, SentinelConfig config, CoinGeckoClient coinGecko, StateStore store,
                  Channels channels, ObjectMapper mapper, SentinelHandler handler, ChartDrawing charts) {
        this.handler = handler;
        this.charts = charts;
        this.config = config;
        this.coinGecko = coinGecko;
        this.store = store;
        this.channels = channels;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** What priming did, for the log and the tests. */
    public record Primed(int cannedCoinGeckoCalls, boolean stateRead, int notifications, int chartBytes, long millis) {
    }

    /** The sample: a history, and what the real rules made of it. */
    private record Sample(History history, Evaluator.Result result) {
    }

    public Primed prime() {
        long start = System.nanoTime();
        // The store's first requests (the AWS SDK's, on DynamoDB) wait on the network: run them on a
        // second thread while this one primes the rest, so init stays short on Lambda's cores.
        CompletableFuture<Optional<Boolean>> storePrimed = CompletableFuture.supplyAsync(
                () -> step("store", () -> store.prime() != null));
        Optional<Sample> sampled = step("rules", this::evaluateSample);
        Optional<Evaluator.Result> evaluated = sampled.map(Sample::result);
        List<Notification> sample = evaluated.map(Evaluator.Result::notifications).orElse(List.of());
        int chartBytes = sampled.flatMap(this::drawChart).orElse(0);
        int calls = 0;
        try (LoopbackStub stub = new LoopbackStub(this::cannedAnswer)) {
            calls = step("coingecko", () -> coinGecko.prime(stub.uri())).orElse(0);
            sample.stream().findFirst().ifPresent(n -> step("notify", () -> {
                channels.current().prime(n, stub.uri());
                return true;
            }));
        } catch (IOException e) {
            LOG.warnf("event=prime_skipped step=loopback reason=%s", e.getClass().getSimpleName());
        }
        evaluated.ifPresent(result -> step("json", () -> writeSampleReport(result)));
        step("handler", () -> {
            handler.prime();
            return true;
        });
        boolean stateRead = storePrimed.join().orElse(false);
        Primed primed = new Primed(calls, stateRead, sample.size(), chartBytes, (System.nanoTime() - start) / 1_000_000);
        LOG.infof("event=primed coingecko_canned_calls=%d state_read=%s sample_notifications=%d chart_bytes=%d ms=%d",
                primed.cannedCoinGeckoCalls(), primed.stateRead(), primed.notifications(), primed.chartBytes(),
                primed.millis());
        return primed;
    }

    /** What the loopback stub answers: CoinGecko's shapes for GETs, Slack's "ok" for the POST. */
    private LoopbackStub.Answer cannedAnswer(String request) {
        long seconds = clock.instant().getEpochSecond();
        long millis = seconds * 1000;
        String json = "application/json";
        if (request.startsWith("POST ")) {
            return new LoopbackStub.Answer(200, "text/plain", "ok");
        }
        if (request.endsWith("/global")) {
            return new LoopbackStub.Answer(200, json, "{\"data\":{\"total_market_cap\":{\"usd\":3.0E12},\"updated_at\":"
                    + seconds + "}}");
        }
        if (request.endsWith("/simple/price")) {
            return new LoopbackStub.Answer(200, json, "{\"bitcoin\":{\"usd\":95000.5,\"last_updated_at\":" + seconds + "}}");
        }
        return new LoopbackStub.Answer(200, json, "{\"prices\":[[" + (millis - 86_400_000L) + ",94000.0],[" + millis
                + ",95000.5]]}");
    }

    /**
     * Draws the sample's first chart, so that the first alert after a restore does not pay for the
     * charting library's first use. Drawing may fail in ways that are Errors (no fonts in the runtime):
     * it is only logged, as the dispatcher would send the text alone.
     */
    @SuppressWarnings("java:S1181")
    private Optional<Integer> drawChart(Sample sample) {
        if (!channels.current().anyTakesCharts()) {
            return Optional.empty(); // no configured channel attaches one: nothing will ever be drawn
        }
        try {
            for (Notification n : sample.result().notifications()) {
                Optional<Integer> bytes = charts.over(sample.history()).chartFor(n).map(chart -> chart.png().length);
                if (bytes.isPresent()) {
                    return bytes;
                }
            }
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            LOG.warnf("event=prime_skipped step=chart reason=\"%s\"", e.getClass().getSimpleName());
        }
        return Optional.empty();
    }

    /** Two readings a crash apart through the real rules and a throwaway ledger: both rules format a message. */
    private Sample evaluateSample() {
        Instant now = clock.instant();
        Duration retention = RuleSettings.marketRetention(config);
        History history = History.of(
                MarketHistory.of(List.of(new Reading(now.minus(Duration.ofHours(2)), 3.0e12),
                        new Reading(now.minus(Duration.ofHours(1)), 2.45e12))),
                Map.of("bitcoin", CoinHistory.empty()
                        .observe(now.minus(Duration.ofDays(200)), 90_000.0)
                        .observe(now.minus(Duration.ofDays(100)), 95_000.0)
                        .observe(now.minus(Duration.ofHours(1)), 61_000.0)));
        // One more reading through the guard, as a check records it.
        history = history.record(now, 2.4e12, Map.of("bitcoin", 60_000.0), retention, RuleSettings.guard(config)).history();
        Evaluator evaluator = new Evaluator(RuleSettings.fromConfig(config), Optional.empty());
        return new Sample(history, evaluator.evaluate(history, AlertLedger.empty(), now, channels.current().channels()));
    }

    /** The report and the state document as a check writes them, through the same mappers. */
    private boolean writeSampleReport(Evaluator.Result result) throws IOException {
        List<Notification> sample = result.notifications();
        SentinelState state = SentinelState.initial().withOutbox(Outbox.empty().add(sample));
        StateCodec codec = new StateCodec();
        codec.decode(codec.encode(state));
        Instant now = clock.instant();
        MarketSnapshot snapshot = new MarketSnapshot(now, 3.0e12, now,
                Map.of("bitcoin", new MarketSnapshot.CoinQuote(95_000.5, now)));
        List<DeliveryAttempt> attempts = sample.stream()
                .map(n -> new DeliveryAttempt(n.id(), "primer", DeliveryResult.Outcome.DELIVERED, "primed", 1)).toList();
        mapper.writeValue(OutputStream.nullOutputStream(), new CheckReport("primed", "primed", true, now, snapshot, Map.of(), List.of(), result.findings(), result.decisions(),
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
