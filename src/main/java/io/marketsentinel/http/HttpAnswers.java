package io.marketsentinel.http;

import jakarta.ws.rs.ProcessingException;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What the HTTP edges (CoinGecko, Slack) share, after Alertmanager's {@code notify/util.go}: how a
 * status is classified, what a Retry-After asks for, how a failed transport is described, and how
 * a URL that holds a secret is shown. One copy, so the two clients cannot drift apart.
 */
public final class HttpAnswers {

    /** What to do about an answer: use it, try again later, or give up. */
    public enum Verdict { OK, RETRYABLE, PERMANENT }

    private HttpAnswers() {
    }

    /** 2xx is OK; 429 and 5xx are worth retrying; any other status will not get better by itself. */
    public static Verdict classify(int status) {
        if (status >= 200 && status < 300) {
            return Verdict.OK;
        }
        if (status == 429 || status >= 500) {
            return Verdict.RETRYABLE;
        }
        return Verdict.PERMANENT;
    }

    /**
     * The wait a Retry-After header asks for, in delta-seconds or as an HTTP date. Empty when the
     * header is missing, unreadable, zero or negative: then the caller's own backoff applies, so
     * that a server answering {@code Retry-After: 0} cannot make a client spin.
     */
    public static Optional<Duration> retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.trim();
        try {
            long seconds = Long.parseLong(value);
            return seconds > 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
        } catch (NumberFormatException notSeconds) {
            try {
                Duration wait = Duration.between(now, ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
                return wait.isNegative() || wait.isZero() ? Optional.empty() : Optional.of(wait);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    /**
     * Waits for a whole exchange — connection, request and the complete response body — at most
     * {@code limit}: a server that dribbles its answer one byte at a time cannot hold a run past it
     * (a read timeout alone restarts with every byte). On timeout the request is cancelled.
     *
     * @throws TimeoutException when the exchange did not finish in time
     * @throws ProcessingException when it failed (refused, reset), as the REST client reports it
     */
    public static <T> T within(CompletionStage<T> exchange, Duration limit) throws TimeoutException {
        CompletableFuture<T> future = exchange.toCompletableFuture();
        try {
            return future.get(Math.max(1, limit.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw e;
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ProcessingException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new ProcessingException(e.getCause());
        }
    }

    /** How long one exchange may take: its own timeout, or what is left before {@code deadline} if that is less. */
    public static Duration limit(Duration timeout, Instant now, Instant deadline) {
        if (deadline == null) {
            return timeout;
        }
        Duration left = Duration.between(now, deadline);
        return left.compareTo(timeout) < 0 ? (left.isNegative() ? Duration.ZERO : left) : timeout;
    }

    /** Whether a failed request timed out (as opposed to being refused or not finding the host). */
    public static boolean timedOut(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.net.SocketTimeoutException || t instanceof java.util.concurrent.TimeoutException
                    || t.getClass().getSimpleName().contains("Timeout")
                    || (t.getMessage() != null && t.getMessage().toLowerCase(java.util.Locale.ROOT).contains("timeout"))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a failed request never reached a server (refused, unknown host, no route). */
    public static boolean unreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException
                    || (t.getMessage() != null && t.getMessage().contains("Connection refused"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * "https://hooks.slack.com/services/T0AB/B0CD/xyz" reads "https://hooks.slack.com/services/T…/B…/***":
     * enough to tell which webhook is meant, nothing that lets anyone post to it.
     */
    public static String redactUrl(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return "***";
            }
            StringBuilder out = new StringBuilder(uri.getScheme()).append("://").append(uri.getHost());
            if (uri.getPort() != -1) {
                out.append(':').append(uri.getPort());
            }
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            String[] segments = path.split("/");
            int last = segments.length - 1;
            for (int i = 1; i < segments.length; i++) {
                String s = segments[i];
                out.append('/');
                if (i == 1 && segments.length > 2) {
                    out.append(s);
                } else if (i == last) {
                    out.append("***");
                } else {
                    out.append(s.isEmpty() ? "" : s.charAt(0) + "\u2026");
                }
            }
            return out.toString();
        } catch (IllegalArgumentException e) {
            return "***";
        }
    }
}
