package io.marketsentinel.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.marketsentinel.alerting.Episode;
import io.marketsentinel.alerting.SentinelState;
import io.marketsentinel.check.CheckReport;
import io.marketsentinel.check.MarketCheck;
import io.marketsentinel.config.SentinelConfig;
import io.marketsentinel.market.MarketDataException;
import io.marketsentinel.notify.NotificationDispatcher;
import io.marketsentinel.store.BaselineStore;
import io.marketsentinel.store.StoreException;
import io.marketsentinel.store.Stored;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The manual trigger over HTTP: {@code POST /check} (optionally {@code ?dryRun=true}) and
 * {@code GET /status}, behind a bearer token, with manual checks throttled to protect the
 * CoinGecko quota. The token never appears in logs or answers.
 */
@ApplicationScoped
public class ManualTrigger {

    private static final Logger LOG = Logger.getLogger(ManualTrigger.class);

    private final MarketCheck check;
    private final BaselineStore store;
    private final SentinelConfig.Trigger config;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final Set<String> channels;
    /** When the last manual check began, in this instance (dry runs store nothing, so it lives here). */
    private final AtomicReference<Instant> lastManualCheck = new AtomicReference<>();

    @Inject
    public ManualTrigger(MarketCheck check, BaselineStore store, SentinelConfig config, Clock clock, ObjectMapper mapper,
                         NotificationDispatcher dispatcher) {
        this.check = check;
        this.store = store;
        this.config = config.trigger();
        this.clock = clock;
        this.mapper = mapper;
        this.channels = dispatcher.channels();
    }

    HttpResult handle(HttpRequest request) {
        HttpResult result = route(request);
        LOG.infof("event=http_request method=%s path=%s status=%d", request.method(), request.path(), result.status());
        return result;
    }

    private HttpResult route(HttpRequest request) {
        Optional<String> configured = config.token().filter(t -> !t.isBlank());
        if (configured.isEmpty()) {
            return HttpResult.error(403, "forbidden", "manual trigger disabled: set sentinel.trigger.token to enable it");
        }
        if (!authorised(request.header("authorization"), configured.get())) {
            return HttpResult.error(401, "unauthorized", "missing or wrong bearer token")
                    .withHeader("www-authenticate", "Bearer realm=\"market-sentinel\"");
        }
        try {
            return switch (request.path()) {
                case "/check" -> request.method().equals("POST") ? check(request) : notAllowed("POST");
                case "/status" -> request.method().equals("GET") ? status(request) : notAllowed("GET");
                default -> HttpResult.error(404, "not_found", "no route " + request.path() + "; try POST /check or GET /status");
            };
        } catch (BadRequestException e) {
            return HttpResult.error(400, "bad_request", e.getMessage());
        } catch (MarketDataException e) {
            return HttpResult.error(e.retryable() ? 503 : 502, "market_data", e.getMessage() + " (nothing stored)");
        } catch (StoreException e) {
            return HttpResult.error(500, "store", e.getMessage());
        }
    }

    private HttpResult check(HttpRequest request) {
        boolean dryRun = dryRun(request);
        Instant now = clock.instant();
        Instant last = lastManualCheck.get();
        if (last != null) {
            Duration wait = Duration.between(now, last.plus(config.minInterval()));
            if (!wait.isNegative() && !wait.isZero()) {
                long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
                return HttpResult.error(429, "too_many_requests", "manual checks are limited to one per "
                        + config.minInterval() + "; retry after " + seconds + " s")
                        .withHeader("retry-after", Long.toString(seconds));
            }
        }
        if (!lastManualCheck.compareAndSet(last, now)) {
            return HttpResult.error(429, "too_many_requests", "another manual check just started; retry after "
                    + config.minInterval().toSeconds() + " s").withHeader("retry-after", Long.toString(config.minInterval().toSeconds()));
        }
        CheckReport report = check.run(dryRun);
        return HttpResult.json(200, report);
    }

    private boolean dryRun(HttpRequest request) {
        boolean dryRun = false;
        for (Map.Entry<String, List<String>> p : request.query().entrySet()) {
            if (!p.getKey().equals("dryRun")) {
                throw new BadRequestException("unknown parameter '" + p.getKey() + "' (POST /check takes only dryRun)");
            }
            dryRun = booleanValue("dryRun", p.getValue().get(p.getValue().size() - 1));
        }
        String body = request.body().strip();
        if (!body.isEmpty()) {
            JsonNode json;
            try {
                json = mapper.readTree(body);
            } catch (IOException e) {
                throw new BadRequestException("body is not valid JSON");
            }
            if (json == null || !json.isObject()) {
                throw new BadRequestException("body must be a JSON object such as {\"dryRun\": true}");
            }
            var names = json.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!name.equals("dryRun")) {
                    throw new BadRequestException("unknown field '" + name + "' in body (only dryRun is accepted)");
                }
                JsonNode value = json.get(name);
                if (!value.isBoolean()) {
                    throw new BadRequestException("field 'dryRun' must be true or false");
                }
                dryRun = value.asBoolean();
            }
        }
        return dryRun;
    }

    private static boolean booleanValue(String name, String value) {
        return switch (value) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new BadRequestException("unknown value '" + value + "' for " + name + " (expected true or false)");
        };
    }

    /** {@code GET /status}: the state of every alert and the last stored report; no CoinGecko call. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Status(String store, long version, int stateSizeBytes, Instant lastRunAt, List<Alert> alerts,
                  Map<String, Integer> pendingPerChannel, int deadLetters, @JsonRawValue String lastReport) {
    }

    /** One episode as the status route shows it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Alert(String key, String state, Instant since, String headline, Instant lastNotifiedAt) {

        static Alert of(Episode e) {
            return new Alert(e.key(), e.firing() ? "firing" : "pending", e.firing() ? e.firingSince() : e.pendingSince(),
                    e.alerted() == null ? null : e.alerted().headline(), e.alerted() == null ? null : e.lastNotifiedAt());
        }
    }

    private HttpResult status(HttpRequest request) {
        if (!request.query().isEmpty()) {
            throw new BadRequestException("unknown parameter '" + request.query().keySet().iterator().next()
                    + "' (GET /status takes none)");
        }
        Stored stored = store.load();
        SentinelState state = stored.state();
        return HttpResult.json(200, new Status(store.describe(), state.version(), stored.sizeBytes(), state.lastRunAt(),
                state.episodes().stream().map(Alert::of).toList(),
                NotificationDispatcher.pendingPerChannel(state.outbox(), channels),
                state.outbox().deadLetters().size(), state.lastReport()));
    }

    private static HttpResult notAllowed(String allow) {
        return HttpResult.error(405, "method_not_allowed", "use " + allow).withHeader("allow", allow);
    }

    /** Compares digests, so the time taken says nothing about how much of the token was right. */
    static boolean authorised(Optional<String> header, String token) {
        if (header.isEmpty()) {
            return false;
        }
        String value = header.get().strip();
        if (value.length() < 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(sha256(value.substring(7).strip()), sha256(token));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
