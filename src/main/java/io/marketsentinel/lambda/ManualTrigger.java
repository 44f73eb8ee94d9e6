package io.marketsentinel.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketsentinel.check.CheckFailedException;
import io.marketsentinel.check.BadSilenceException;
import io.marketsentinel.check.MarketCheck;
import io.marketsentinel.check.SilenceBook;
import io.marketsentinel.check.SilenceConflictException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The manual trigger over HTTP, its routing: {@code POST /check} (optionally a dry run, see
 * {@link CheckParameters}), {@code GET /status}, and the silences ({@code POST /silences}, {@code GET
 * /silences}, {@code DELETE /silences/{id}}, see {@link SilenceParameters}), behind {@link BearerAuth}, with manual checks
 * throttled to protect the CoinGecko quota. The token never appears in logs or answers, and no
 * request-controlled text reaches a log line: an unauthenticated request is logged as a fixed summary.
 */
@ApplicationScoped
public class ManualTrigger {

    /**
     * @param token       the bearer token as it is now ({@code sentinel.trigger.token}, which the secret may
     *                    change while the function runs); none: the trigger refuses all
     * @param minInterval least time between two manual checks ({@code sentinel.trigger.min-interval})
     */
    public record Settings(Supplier<Optional<String>> token, Duration minInterval) {

        /** A token that never changes. */
        public Settings(Optional<String> token, Duration minInterval) {
            this(() -> token, minInterval);
        }
    }

    private static final Logger LOG = Logger.getLogger(ManualTrigger.class);
    private static final String SILENCES = "/silences";

    private final MarketCheck check;
    private final Settings config;
    private final Clock clock;
    private final CheckParameters parameters;
    private final SilenceParameters silenceParameters;
    private final SilenceBook silences;
    /** When the last manual check began, in this instance (dry runs store nothing, so it lives here). */
    private final AtomicReference<Instant> lastManualCheck = new AtomicReference<>();

    @Inject
    public ManualTrigger(MarketCheck check, SilenceBook silences, Settings settings, Clock clock, ObjectMapper mapper) {
        this.check = check;
        this.silences = silences;
        this.silenceParameters = new SilenceParameters(mapper);
        this.config = settings;
        this.clock = clock;
        this.parameters = new CheckParameters(mapper);
    }

    HttpResult handle(HttpRequest request) {
        return handle(request, null);
    }

    /** @param deadline when the invocation ends, for a check; {@code null}: the configured default */
    HttpResult handle(HttpRequest request, Instant deadline) {
        BearerAuth.Access access = new BearerAuth(config.token().get()).check(request.header("authorization"));
        HttpResult result = switch (access) {
            case DISABLED -> HttpResult.error(403, "forbidden",
                    "manual trigger disabled: set sentinel.trigger.token to enable it");
            case REFUSED -> HttpResult.error(401, "unauthorized", "missing or wrong bearer token")
                    .withHeader("www-authenticate", "Bearer realm=\"market-sentinel\"");
            case ACCEPTED -> route(request, deadline);
        };
        if (access == BearerAuth.Access.ACCEPTED) {
            LOG.infof("event=http_request method=%s path=\"%s\" status=%d", Sanitize.forMessage(request.method()),
                    Sanitize.forMessage(request.path()), result.status());
        } else {
            // Nothing the caller wrote: an anonymous request must not be able to shape a log line.
            LOG.infof("event=http_request_unauthenticated status=%d", result.status());
        }
        return result;
    }

    private HttpResult route(HttpRequest request, Instant deadline) {
        try {
            if (request.path().startsWith(SILENCES + "/")) {
                return request.method().equals("DELETE")
                        ? HttpResult.json(200, silences.expire(request.path().substring(SILENCES.length() + 1)))
                        : notAllowed("DELETE");
            }
            return switch (request.path()) {
                case "/check" -> request.method().equals("POST") ? check(request, deadline) : notAllowed("POST");
                case "/status" -> request.method().equals("GET") ? status(request) : notAllowed("GET");
                case SILENCES -> switch (request.method()) {
                    case "GET" -> listSilences(request);
                    case "POST" -> HttpResult.json(201, silences.add(silenceParameters.request(request)));
                    default -> notAllowed("GET, POST");
                };
                default -> HttpResult.error(404, "not_found", "no route " + Sanitize.forMessage(request.path())
                        + "; try POST /check, GET /status or GET /silences");
            };
        } catch (BadRequestException e) {
            return HttpResult.error(400, "bad_request", e.getMessage());
        } catch (BadSilenceException e) {
            return HttpResult.error(400, "bad_request", e.getMessage());
        } catch (SilenceConflictException e) {
            return e.reason() == SilenceConflictException.Reason.LIMIT
                    ? HttpResult.error(409, "conflict", e.getMessage())
                    : HttpResult.error(404, "not_found", e.getMessage());
        } catch (CheckFailedException e) {
            return switch (e.source()) {
                case MARKET_DATA -> HttpResult.error(e.retryable() ? 503 : 502, "market_data",
                        e.getMessage() + " (nothing stored)");
                case STORE -> HttpResult.error(500, "store", e.getMessage());
            };
        }
    }

    private HttpResult check(HttpRequest request, Instant deadline) {
        boolean dryRun = parameters.dryRun(request);
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
        try {
            return HttpResult.json(200, check.run(dryRun, deadline));
        } catch (RuntimeException e) {
            // A check that failed spent nothing worth protecting: the next one may run at once.
            lastManualCheck.compareAndSet(now, last);
            throw e;
        }
    }

    private HttpResult listSilences(HttpRequest request) {
        if (!request.query().isEmpty()) {
            throw new BadRequestException("unknown parameter '" + Sanitize.forMessage(request.query().keySet().iterator().next())
                    + "' (GET /silences takes none)");
        }
        return HttpResult.json(200, silences.list());
    }

    private HttpResult status(HttpRequest request) {
        if (!request.query().isEmpty()) {
            throw new BadRequestException("unknown parameter '" + request.query().keySet().iterator().next()
                    + "' (GET /status takes none)");
        }
        return HttpResult.json(200, check.status());
    }

    private static HttpResult notAllowed(String allow) {
        return HttpResult.error(405, "method_not_allowed", "use " + allow).withHeader("allow", allow);
    }
}
