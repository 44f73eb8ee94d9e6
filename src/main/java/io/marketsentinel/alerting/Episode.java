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
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Episode(String key, Instant pendingSince, Instant firingSince, Finding alerted,
                      Instant lastNotifiedAt, int sequence) {

    public Episode {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(pendingSince, "pendingSince");
    }

    public static Episode pending(String key, Instant since) {
        return new Episode(key, since, null, null, null, 0);
    }

    public boolean firing() {
        return firingSince != null;
    }

    Episode notified(Finding finding, Instant now) {
        return new Episode(key, pendingSince, firingSince == null ? now : firingSince, finding, now, sequence + 1);
    }

    Episode repeated(Instant now) {
        return new Episode(key, pendingSince, firingSince, alerted, now, sequence + 1);
    }
}
