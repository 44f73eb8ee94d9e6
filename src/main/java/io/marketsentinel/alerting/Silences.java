package io.marketsentinel.alerting;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The silences the state keeps: the active ones, and those ended within the last day (to be listed). */
public record Silences(List<Silence> all) {

    public static final Silences NONE = new Silences(List.of());

    /** How long an ended silence is still listed before it is pruned. */
    public static final Duration KEPT_AFTER_END = Duration.ofDays(1);

    public Silences {
        all = List.copyOf(all);
    }

    /** The active silence that mutes what {@code rule} says of {@code subject} at {@code at}, if any. */
    public Optional<Silence> muting(String rule, String subject, Instant at) {
        return all.stream().filter(s -> s.mutes(rule, subject, at)).findFirst();
    }

    public List<Silence> active(Instant at) {
        return all.stream().filter(s -> s.activeAt(at)).toList();
    }

    /** Without those ended more than {@link #KEPT_AFTER_END} before {@code now}. */
    public Silences pruned(Instant now) {
        List<Silence> kept = all.stream().filter(s -> s.endsAt().plus(KEPT_AFTER_END).isAfter(now)).toList();
        return kept.size() == all.size() ? this : new Silences(kept);
    }
}
