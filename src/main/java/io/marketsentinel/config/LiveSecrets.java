package io.marketsentinel.config;

import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The secrets as the running function uses them now. At start they are what the configuration holds; when
 * {@code sentinel.secrets.arn} is set, the secret is read again once its copy is older than
 * {@code sentinel.secrets.refresh}, and at once when a channel (or CoinGecko) answers that its credentials are refused
 * ({@link #refreshNow()}), so that a rotated webhook or token is taken without a redeploy or a cold start
 * (with SnapStart, a cold start restores the snapshot's copy: only a read brings a newer one).
 *
 * <p>A key set by a source above the secret (the function's environment) stays as it is: the secret never
 * governed it. A new value the start would have refused (whitespace, not a URL, a webhook without its
 * signing secret) is not taken: the key keeps its value and the log names the key, never a value. A read
 * that fails keeps every value and is tried again a few minutes later.
 */
public final class LiveSecrets {

    private static final Logger LOG = Logger.getLogger(LiveSecrets.class);

    /**
     * Refusals read the secret at most this often: a channel refusing every send must not make every send a
     * Secrets Manager call, and a just-fixed secret is taken by the next refusal after it anyway.
     */
    static final Duration REFUSAL_GAP = Duration.ofMinutes(1);
    /** After a failed read, the next one is tried this soon (or at the refresh interval, if shorter). */
    static final Duration RETRY_AFTER_FAILURE = Duration.ofMinutes(5);

    private final Optional<String> arn;
    private final SecretsConfigSourceFactory.SecretReader reader;
    private final Set<String> pinned;
    private final Function<Map<String, Optional<String>>, Map<String, String>> problems;
    private final Duration every;
    private final Clock clock;
    private Map<String, Optional<String>> values;
    private Instant nextRead;
    /** When a refusal last made a read ({@code null}: none yet). */
    private Instant lastRefusalRead;
    private long generation;

    /**
     * @param atStart  every secret key's value in effect at start ({@link ConfigCheck#secrets})
     * @param pinned   the keys a source above the secret sets: never replaced
     * @param problems what the start's check finds wrong with a set of values, by key ({@link ConfigCheck#secretProblems})
     */
    public LiveSecrets(String arn, SecretsConfigSourceFactory.SecretReader reader, Map<String, Optional<String>> atStart,
                       Set<String> pinned, Function<Map<String, Optional<String>>, Map<String, String>> problems,
                       Duration every, Clock clock) {
        this(Optional.of(arn), reader, atStart, pinned, problems, every, clock);
    }

    private LiveSecrets(Optional<String> arn, SecretsConfigSourceFactory.SecretReader reader,
                        Map<String, Optional<String>> atStart, Set<String> pinned,
                        Function<Map<String, Optional<String>>, Map<String, String>> problems, Duration every, Clock clock) {
        this.arn = arn;
        this.reader = reader;
        this.pinned = Set.copyOf(pinned);
        this.problems = problems;
        this.every = every;
        this.clock = clock;
        this.values = Map.copyOf(atStart);
        this.nextRead = clock.instant().plus(every);
    }

    /** Values that never change: no secret to read (the command line, a local run, the tests). */
    public static LiveSecrets fixed(Map<String, Optional<String>> values) {
        return new LiveSecrets(Optional.empty(), arn -> {
            throw new IllegalStateException("no secret to read");
        }, values, Set.of(), v -> Map.of(), Duration.ofDays(36_500), Clock.systemUTC());
    }

    /** One key's value now, the secret read again first if its copy is due. */
    public synchronized Optional<String> get(String key) {
        refreshIfDue();
        return values.getOrDefault(key, Optional.empty());
    }

    /** Every secret key's value now, the secret read again first if its copy is due. */
    public synchronized Map<String, Optional<String>> values() {
        refreshIfDue();
        return values;
    }

    /** Counts the changes: whoever built something from the values rebuilds it when this moves. */
    public synchronized long generation() {
        return generation;
    }

    /**
     * Credentials were refused (by a channel, or CoinGecko): the secret read now (unless a refusal read it within
     * the last minute), so a value fixed since is used at once. Returns whether any value changed.
     */
    public synchronized boolean refreshNow() {
        Instant now = clock.instant();
        if (arn.isEmpty() || (lastRefusalRead != null && now.isBefore(lastRefusalRead.plus(REFUSAL_GAP)))) {
            return false;
        }
        lastRefusalRead = now;
        return read("credentials refused");
    }

    private void refreshIfDue() {
        if (arn.isPresent() && !clock.instant().isBefore(nextRead)) {
            read("the copy is " + every + " old");
        }
    }

    private boolean read(String why) {
        Instant now = clock.instant();
        Map<String, String> secret;
        try {
            secret = SecretsConfigSourceFactory.parse(arn.get(), reader.read(arn.get()));
        } catch (RuntimeException e) {
            // The message names the ARN and the failure's class, never a value.
            nextRead = now.plus(every.compareTo(RETRY_AFTER_FAILURE) < 0 ? every : RETRY_AFTER_FAILURE);
            LOG.warnf("event=secret_read_failed reason=\"%s\"", e.getMessage());
            return false;
        }
        nextRead = now.plus(every);
        Map<String, Optional<String>> next = new LinkedHashMap<>(values);
        for (String key : values.keySet()) {
            if (!pinned.contains(key)) {
                next.put(key, Optional.ofNullable(secret.get(key)));
            }
        }
        problems.apply(next).forEach((key, problem) -> {
            if (!next.get(key).equals(values.get(key))) {
                LOG.errorf("event=secret_value_refused key=%s problem=\"%s\" kept=\"its previous value\"", key, problem);
                next.put(key, values.get(key));
            }
        });
        Map<String, String> left = problems.apply(next);
        if (!left.isEmpty()) {
            // Values that only work together (a webhook's URL and its signing secret): none is taken.
            LOG.errorf("event=secret_value_refused keys=%s problem=\"%s\" kept=\"every previous value\"",
                    String.join(",", left.keySet()), String.join("; ", left.values()));
            return false;
        }
        List<String> changed = new ArrayList<>();
        for (String key : values.keySet()) {
            if (!next.get(key).equals(values.get(key))) {
                changed.add(key);
            }
        }
        LOG.infof("event=secret_read why=\"%s\" changed=%s", why, changed.isEmpty() ? "none" : String.join(",", changed));
        if (changed.isEmpty()) {
            return false;
        }
        values = Map.copyOf(next);
        generation++;
        return true;
    }
}
