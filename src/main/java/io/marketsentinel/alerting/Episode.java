package io.marketsentinel.alerting;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.marketsentinel.rules.Finding;

import java.time.Instant;
import java.util.Objects;

/**
 * The ledger's memory of one rule and subject: either pending (the condition holds but is not yet
 * confirmed) or firing (notified, with the finding that was last notified).
 *
 * @param key            rule and subject, see {@link Finding#key()}
 * @param pendingSince   when the condition was first seen holding in this episode
 * @param firingSince    when the episode was first notified, {@code null} while pending
 * @param alerted        the finding last notified, {@code null} while pending
 * @param lastNotifiedAt when a notification was last made for this episode
 * @param sequence       how many notifications this episode has made (keeps their ids distinct)
 * @param escalatingSince when a worse level was first seen, while it waits for the rule's {@code for}
 *                        like a new episode does; {@code null} when nothing is escalating
 * @param lastBreachedAt  when the condition was last seen holding ({@code null} in states written
 *                        before it was kept: then the last notification stands for it)
 * @param endedAt         when a firing episode ended quietly and is kept only as the memory of what it
 *                        said (for the rule's news check), or {@code null} while it is live
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Episode(String key, Instant pendingSince, Instant firingSince, Finding alerted,
                      Instant lastNotifiedAt, int sequence, Instant escalatingSince, Instant lastBreachedAt,
                      Instant endedAt) {

    public Episode(String key, Instant pendingSince, Instant firingSince, Finding alerted, Instant lastNotifiedAt,
                   int sequence, Instant escalatingSince, Instant lastBreachedAt) {
        this(key, pendingSince, firingSince, alerted, lastNotifiedAt, sequence, escalatingSince, lastBreachedAt, null);
    }

    public Episode {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(pendingSince, "pendingSince");
    }

    public static Episode pending(String key, Instant since) {
        return new Episode(key, since, null, null, null, 0, null, since);
    }

    /** Live and notified (an ended episode kept as a memory is not firing). */
    public boolean firing() {
        return firingSince != null && endedAt == null;
    }

    /** Ended quietly, kept only as the memory of what it said. */
    public boolean ended() {
        return endedAt != null;
    }

    Episode endedAt(Instant now) {
        return new Episode(key, pendingSince, firingSince, alerted, lastNotifiedAt, sequence, null, lastBreachedAt, now);
    }

    /** Firing again, as it was, from a memory: what it would say now was said already. */
    Episode revived(Instant now) {
        return new Episode(key, pendingSince, firingSince, alerted, lastNotifiedAt, sequence, null, now, null);
    }

    /** The id of the last notification this episode made. */
    String lastNotificationId() {
        return key + "/" + firingSince.getEpochSecond() + "/" + sequence;
    }

    Episode notified(Finding finding, Instant now) {
        return new Episode(key, pendingSince, firingSince == null ? now : firingSince, finding, now, sequence + 1,
                null, now);
    }

    Episode repeated(Instant now) {
        return new Episode(key, pendingSince, firingSince, alerted, now, sequence + 1, escalatingSince, now);
    }

    Episode breachedAt(Instant now, Instant escalating) {
        return new Episode(key, pendingSince, firingSince, alerted, lastNotifiedAt, sequence, escalating, now);
    }

    /** When the condition was last seen holding, as well as this episode knows. */
    Instant lastSeenBreached() {
        return lastBreachedAt != null ? lastBreachedAt : lastNotifiedAt != null ? lastNotifiedAt : pendingSince;
    }
}
