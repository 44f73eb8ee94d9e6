package io.marketsentinel.alerting;

import io.marketsentinel.rules.Finding;
import io.marketsentinel.rules.Rule;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One episode per rule and subject, with Alertmanager's semantics: a condition is notified once
 * when it is confirmed (NEW), again only when it gets a full step worse (ESCALATED) or, if a repeat
 * interval is set, when it has gone unmentioned that long (REPEAT), and its end is notified
 * (RESOLVED) only where the rule asks for it. Mutable; one instance per check, copied from the
 * stored state.
 */
public final class AlertLedger {

    private final TreeMap<String, Episode> episodes;

    public AlertLedger(Collection<Episode> episodes) {
        this.episodes = new TreeMap<>();
        episodes.forEach(e -> this.episodes.put(e.key(), e));
    }

    public static AlertLedger empty() {
        return new AlertLedger(List.of());
    }

    public Map<String, Episode> episodes() {
        return Collections.unmodifiableMap(episodes);
    }

    /**
     * Decides what {@code finding} means given what was notified before, and records it.
     *
     * @param repeatInterval re-notify a still-firing episode after this long; empty for never
     * @param routes         where a notification made now goes
     */
    public Decision decide(Rule rule, Finding finding, Instant now, Optional<Duration> repeatInterval,
                           Routes routes) {
        return decide(rule, finding, now, repeatInterval, routes, Silences.NONE);
    }

    /**
     * As {@link #decide(Rule, Finding, Instant, Optional, Routes)}, with {@code silences} muting what they
     * match: a NEW, ESCALATED or REPEAT they mute is decided SILENCED and leaves the episode as it was (still
     * to be told), so the first run after the silence tells it once if it still holds. A RESOLVED is never
     * muted: it ends an episode whose NEW people were told (a NEW that was muted never made the episode
     * firing, so it has no RESOLVED), and it closes what they were told — a PagerDuty incident included.
     */
    public Decision decide(Rule rule, Finding finding, Instant now, Optional<Duration> repeatInterval,
                           Routes routes, Silences silences) {
        String key = finding.key();
        Optional<Silence> muting = silences.muting(rule.name(), finding.subject(), now);
        Optional<Decision> remembered = fromMemory(rule, finding, now);
        if (remembered.isPresent()) {
            return remembered.get();
        }
        Episode episode = episodes.get(key);
        if (finding.breached()) {
            if (episode == null || !episode.firing()) {
                Episode pending = episode == null ? Episode.pending(key, now) : episode;
                if (!confirmed(rule.holdFor(), pending.pendingSince(), now)) {
                    episodes.put(key, pending);
                    return new Decision(finding, DecisionKind.PENDING, Optional.empty());
                }
                if (muting.isPresent()) {
                    episodes.put(key, pending);
                    return Decision.silenced(finding, DecisionKind.NEW, muting.get());
                }
                return notify(rule, pending, finding, DecisionKind.NEW, now, routes);
            }
            if (rule.escalates(finding, episode.alerted())) {
                // A worse level waits for the rule's `for` exactly as a new episode does.
                Instant since = episode.escalatingSince() == null ? now : episode.escalatingSince();
                if (!confirmed(rule.holdFor(), since, now)) {
                    episodes.put(key, episode.breachedAt(now, since));
                    return new Decision(finding, DecisionKind.PENDING, Optional.empty());
                }
                if (muting.isPresent()) {
                    episodes.put(key, episode.breachedAt(now, since));
                    return Decision.silenced(finding, DecisionKind.ESCALATED, muting.get());
                }
                return notify(rule, episode, finding, DecisionKind.ESCALATED, now, routes);
            }
            Episode seen = episode.breachedAt(now, null);
            episodes.put(key, seen);
            if (repeatInterval.isPresent()
                    && !Duration.between(seen.lastNotifiedAt(), now).minus(repeatInterval.get()).isNegative()) {
                if (muting.isPresent()) {
                    return Decision.silenced(finding, DecisionKind.REPEAT, muting.get());
                }
                Episode repeated = seen.repeated(now);
                episodes.put(key, repeated);
                return new Decision(finding, DecisionKind.REPEAT,
                        Optional.of(notification(repeated, finding, DecisionKind.REPEAT, now,
                                routes.channels(rule.name(), DecisionKind.REPEAT, rule.sendResolved()))));
            }
            return new Decision(finding, DecisionKind.UNCHANGED, Optional.empty());
        }
        if (episode == null) {
            return new Decision(finding, DecisionKind.UNCHANGED, Optional.empty());
        }
        if (!episode.firing()) {
            // One reading over the threshold that did not last: forget it, nothing was said.
            episodes.remove(key);
            return new Decision(finding, DecisionKind.UNCHANGED, Optional.empty());
        }
        boolean stale = rule.staleAfter()
                .map(limit -> Duration.between(episode.lastSeenBreached(), now).compareTo(limit) >= 0).orElse(false);
        if (stale) {
            // Not at the condition for long enough that the next time may be news: end quietly.
            end(rule, episode, now);
            return new Decision(finding, DecisionKind.RESOLVED, Optional.empty());
        }
        if (!rule.recovered(finding, episode.alerted())) {
            if (episode.escalatingSince() != null) {
                episodes.put(key, episode.breachedAt(episode.lastSeenBreached(), null));
            }
            return new Decision(finding, DecisionKind.UNCHANGED, Optional.empty());
        }
        end(rule, episode, now);
        List<String> resolvedTo = routes.channels(rule.name(), DecisionKind.RESOLVED, rule.sendResolved());
        if (resolvedTo.isEmpty()) {
            return new Decision(finding, DecisionKind.RESOLVED, Optional.empty());
        }
        Episode closing = episode.notified(finding, now);
        return new Decision(finding, DecisionKind.RESOLVED,
                Optional.of(notification(closing, finding, DecisionKind.RESOLVED, now, resolvedTo)));
    }

    /** Ends an episode, remembering what it said for as long as the rule judges news by it. */
    private void end(Rule rule, Episode episode, Instant now) {
        if (rule.newsMemory().isPresent()) {
            episodes.put(episode.key(), episode.endedAt(now));
        } else {
            episodes.remove(episode.key());
        }
    }

    /**
     * Where only the memory of an ended episode is kept: the decision it makes (a finding that says
     * nothing new is folded into what was said), or empty after forgetting a memory that has lapsed or
     * that the finding makes news of, so that the finding is decided as for a fresh episode.
     */
    private Optional<Decision> fromMemory(Rule rule, Finding finding, Instant now) {
        Episode memory = episodes.get(finding.key());
        if (memory == null || !memory.ended()) {
            return Optional.empty();
        }
        Duration sinceSaid = Duration.between(memory.lastNotifiedAt(), now);
        boolean kept = rule.newsMemory().filter(limit -> sinceSaid.compareTo(limit) < 0).isPresent();
        if (kept && !finding.breached()) {
            return Optional.of(new Decision(finding, DecisionKind.UNCHANGED, Optional.empty()));
        }
        if (kept && !rule.news(finding, memory.alerted(), sinceSaid)) {
            episodes.put(memory.key(), memory.revived(now));
            return Optional.of(new Decision(finding, DecisionKind.FOLDED, Optional.empty(), memory.lastNotificationId()));
        }
        episodes.remove(memory.key());
        return Optional.empty();
    }

    /**
     * Confirmed once the condition has held for {@code holdFor}, less a tenth of it: a schedule
     * of "every 15 minutes" does not fire exactly 15:00 apart, and a check at 14:58 should confirm.
     */
    static boolean confirmed(Duration holdFor, Instant pendingSince, Instant now) {
        if (holdFor.isZero() || holdFor.isNegative()) {
            return true;
        }
        Duration needed = holdFor.minus(holdFor.dividedBy(10));
        return Duration.between(pendingSince, now).compareTo(needed) >= 0;
    }

    private Decision notify(Rule rule, Episode episode, Finding finding, DecisionKind kind, Instant now, Routes routes) {
        Collection<String> channels = routes.channels(rule.name(), kind, rule.sendResolved());
        Episode next = episode.notified(finding, now);
        episodes.put(next.key(), next);
        return new Decision(finding, kind, Optional.of(notification(next, finding, kind, now, channels)));
    }

    private static Notification notification(Episode episode, Finding finding, DecisionKind kind, Instant now,
                                             Collection<String> channels) {
        Map<String, ChannelDelivery> targets = new LinkedHashMap<>();
        channels.forEach(c -> targets.put(c, ChannelDelivery.pending()));
        String id = episode.key() + "/" + episode.firingSince().getEpochSecond() + "/" + episode.sequence();
        String headline = kind == DecisionKind.RESOLVED ? "Resolved: " + finding.headline() : finding.headline();
        return new Notification(id, now, finding.rule(), finding.subject(), kind, headline, finding.text(),
                finding.facts(), targets);
    }
}
