package io.marketsentinel.notify;

import io.marketsentinel.alerting.Notification;
import io.marketsentinel.http.HttpAnswers;
import io.marketsentinel.http.Secrets;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

/**
 * A channel that is one HTTP request per notification through a Quarkus REST Client: the whole
 * exchange bounded by the earlier of the channel's timeout and the deadline, an answer cut off
 * reported as outcome unknown, and the service's answer classified as Alertmanager's notifiers do
 * (2xx delivered; 429 and 5xx retryable, honouring Retry-After; other 4xx permanent) unless the
 * channel says more — but for a refusal of the channel's credentials, which the secret's owner can fix.
 * Whatever the service sends back is scrubbed of the channel's secrets, whole and
 * in parts, before it goes anywhere.
 */
public abstract class HttpNotifier implements Notifier {

    /** A service's error text is cut to this in a delivery's detail. */
    private static final int DETAIL_MAX = 200;

    private final String channel;
    private final String shownAs;
    private final List<String> secrets;
    private final Duration timeout;
    protected final Clock clock;

    /**
     * @param shownAs how the endpoint is named in details (never a secret: a redacted URL, a service name)
     * @param secrets what must never appear in a detail (the URL, a token, a key)
     */
    protected HttpNotifier(String channel, String shownAs, List<String> secrets, Duration timeout, Clock clock) {
        this.channel = channel;
        this.shownAs = shownAs;
        this.secrets = List.copyOf(secrets);
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    public final String channel() {
        return channel;
    }

    /** One whole request, answer included, is bounded by the timeout. */
    @Override
    public final Duration worstCase() {
        return timeout;
    }

    /** The request for {@code notification}, not yet answered. */
    protected abstract CompletionStage<Response> send(Notification notification);

    /** The request with {@code chart} attached; a channel that takes charts overrides it. */
    protected CompletionStage<Response> send(Notification notification, Chart chart) {
        return send(notification);
    }

    @Override
    public final DeliveryResult deliver(Notification notification, Instant deadline) {
        return deliver(notification, null, deadline);
    }

    @Override
    public final DeliveryResult deliver(Notification notification, Chart chart, Instant deadline) {
        Duration limit = HttpAnswers.limit(timeout, clock.instant(), deadline);
        try (Response response = HttpAnswers.within(chart == null ? send(notification) : send(notification, chart), limit)) {
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            return answer(response.getStatus(), scrub(body == null ? "" : body.strip()),
                    response.getHeaderString("Retry-After"));
        } catch (TimeoutException e) {
            return DeliveryResult.unknown(shownAs + " did not answer within " + limit.toMillis() + " ms");
        } catch (ProcessingException e) {
            if (HttpAnswers.unreachable(e)) {
                return DeliveryResult.retryable(shownAs + " unreachable: " + scrub(rootMessage(e)));
            }
            if (HttpAnswers.timedOut(e)) {
                return DeliveryResult.unknown(shownAs + " did not answer within " + limit.toMillis() + " ms");
            }
            return DeliveryResult.retryable(shownAs + " unreachable: " + scrub(rootMessage(e)));
        }
    }

    /**
     * What the service's answer means, the body already scrubbed. By default its status class; a
     * channel whose service says more in the body (a rate limit's wait, an {@code ok} field) overrides it.
     */
    protected DeliveryResult answer(int status, String body, String retryAfterHeader) {
        String prefix = shownAs + " answered HTTP " + status;
        String said = body.isEmpty() ? "" : ": " + cut(body);
        if (credentialsRefused(status)) {
            return DeliveryResult.credentialsRefused(prefix + said);
        }
        return switch (HttpAnswers.classify(status)) {
            case OK -> DeliveryResult.delivered("HTTP " + status);
            case RETRYABLE -> retryable(prefix + said, HttpAnswers.retryAfter(retryAfterHeader, clock.instant()));
            case PERMANENT -> DeliveryResult.permanent(prefix + said);
        };
    }

    /**
     * Whether {@code status} says the channel's credentials are refused: 401 and 403, and 404 where the
     * endpoint itself is the secret (a webhook that was deleted, a bot token that is no longer one).
     */
    protected boolean credentialsRefused(int status) {
        return status == 401 || status == 403 || (status == 404 && secretEndpoint());
    }

    /** Whether the endpoint's URL holds the secret (a webhook's URL, a bot token in the path): true but for PagerDuty. */
    protected boolean secretEndpoint() {
        return true;
    }

    protected static DeliveryResult retryable(String detail, Optional<Duration> wait) {
        return wait.map(w -> DeliveryResult.retryable(detail + " (retry after " + w.toSeconds() + " s)", w))
                .orElseGet(() -> DeliveryResult.retryable(detail));
    }

    protected String scrub(String text) {
        return Secrets.scrub(text, secrets);
    }

    protected String shownAs() {
        return shownAs;
    }

    protected static String cut(String text) {
        return text.length() > DETAIL_MAX ? text.substring(0, DETAIL_MAX) + "\u2026" : text;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
