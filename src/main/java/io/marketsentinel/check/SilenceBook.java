package io.marketsentinel.check;

import io.marketsentinel.alerting.SentinelState;
import io.marketsentinel.alerting.Silence;
import io.marketsentinel.alerting.Silences;
import io.marketsentinel.store.StateStore;
import io.marketsentinel.store.StoreException;
import io.marketsentinel.store.Stored;
import io.marketsentinel.store.VersionConflictException;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The silences, as {@code POST/GET/DELETE /silences} and {@code silence add|list|expire} keep them: in the
 * state, changed under the same conditional save as everything else (a check saving meanwhile makes this
 * read again and retry), at most {@value #MAX_ACTIVE} active, ended ones listed for a day and then pruned.
 */
public final class SilenceBook {

    /** More active silences than this is a mistake in a script, not a need: the next one is refused. */
    public static final int MAX_ACTIVE = 100;
    private static final int ATTEMPTS = 3;
    private static final Logger LOG = Logger.getLogger(SilenceBook.class);

    private final StateStore store;
    private final List<String> rules;
    private final List<String> coins;
    private final Duration timeout;
    private final Clock clock;

    /**
     * @param rules   the rules' names (what may be silenced)
     * @param coins   the watched coins (the subjects)
     * @param timeout how long one change may take, the store's reads and writes included
     */
    public SilenceBook(StateStore store, List<String> rules, List<String> coins, Duration timeout, Clock clock) {
        this.store = store;
        this.rules = List.copyOf(rules);
        this.coins = List.copyOf(coins);
        this.timeout = timeout;
        this.clock = clock;
    }

    /** The active silences and those ended within the last day, soonest-ending first. */
    public List<Silence> list() {
        Instant now = clock.instant();
        try {
            List<Silence> all = new ArrayList<>(store.load(now.plus(timeout)).state().silences().pruned(now).all());
            all.sort((a, b) -> a.endsAt().compareTo(b.endsAt()));
            return all;
        } catch (StoreException e) {
            throw CheckFailedException.of(e);
        }
    }

    /** Makes the silence {@code request} asks for; nothing is stored when it is refused. */
    public Silence add(SilenceRequest request) {
        Instant now = clock.instant();
        Silence silence = request.toSilence(now, rules, coins);
        change(silences -> {
            if (silences.active(now).size() >= MAX_ACTIVE) {
                throw new SilenceConflictException(SilenceConflictException.Reason.LIMIT, MAX_ACTIVE
                        + " silences are active already, the most there may be; end one (DELETE /silences/{id}) first");
            }
            List<Silence> next = new ArrayList<>(silences.all());
            next.add(silence);
            return new Silences(next);
        });
        LOG.infof("event=silence_added id=%s rule=%s subject=%s ends=%s", silence.id(), silence.rule(),
                silence.subject() == null ? "*" : silence.subject(), silence.endsAt());
        return silence;
    }

    /** Ends the silence {@code id} now; an ended one is returned as it ended. */
    public Silence expire(String id) {
        Instant now = clock.instant();
        Silence[] ended = new Silence[1];
        change(silences -> {
            List<Silence> next = new ArrayList<>();
            for (Silence s : silences.all()) {
                if (s.id().equals(id)) {
                    ended[0] = s.endedAt(now);
                    next.add(ended[0]);
                } else {
                    next.add(s);
                }
            }
            if (ended[0] == null) {
                throw new SilenceConflictException(SilenceConflictException.Reason.UNKNOWN,
                        "no silence '" + id.replaceAll("[^A-Za-z0-9-]", "?") + "' (GET /silences lists them)");
            }
            return new Silences(next);
        });
        LOG.infof("event=silence_ended id=%s", ended[0].id());
        return ended[0];
    }

    /** Loads, changes the silences (pruned first), saves conditionally; a save beaten by a check is retried. */
    private void change(UnaryOperator<Silences> edit) {
        Instant deadline = clock.instant().plus(timeout);
        try {
            for (int attempt = 1; ; attempt++) {
                Stored loaded = store.load(deadline);
                SentinelState state = loaded.state();
                Silences next = edit.apply(state.silences().pruned(clock.instant()));
                try {
                    store.save(state.withSilences(next), state.version(), deadline);
                    return;
                } catch (VersionConflictException e) {
                    if (attempt == ATTEMPTS) {
                        throw e;
                    }
                }
            }
        } catch (StoreException e) {
            throw CheckFailedException.of(e);
        }
    }
}
