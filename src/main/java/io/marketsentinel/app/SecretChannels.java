package io.marketsentinel.app;

import io.marketsentinel.config.LiveSecrets;
import io.marketsentinel.notify.Channels;
import io.marketsentinel.notify.NotificationDispatcher;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The channels built from the secrets as they are now: built again (cheap: the REST clients are shared,
 * a channel is a few fields) when a value changed, by the hourly read or by the read a refusal caused.
 */
final class SecretChannels implements Channels {

    private static final Logger LOG = Logger.getLogger(SecretChannels.class);

    private final LiveSecrets secrets;
    private final Function<Map<String, Optional<String>>, NotificationDispatcher> build;
    private NotificationDispatcher built;
    private long builtFrom = -1;

    SecretChannels(LiveSecrets secrets, Function<Map<String, Optional<String>>, NotificationDispatcher> build) {
        this.secrets = secrets;
        this.build = build;
    }

    @Override
    public synchronized NotificationDispatcher current() {
        Map<String, Optional<String>> values = secrets.values();
        long generation = secrets.generation();
        if (built == null || generation != builtFrom) {
            boolean rebuilt = built != null;
            built = build.apply(values);
            builtFrom = generation;
            if (rebuilt) {
                LOG.infof("event=channels_rebuilt channels=%s", String.join(",", built.channels()));
            }
        }
        return built;
    }

    @Override
    public synchronized Optional<NotificationDispatcher> afterRefusal(NotificationDispatcher tried) {
        secrets.refreshNow();
        NotificationDispatcher now = current();
        return now == tried ? Optional.empty() : Optional.of(now);
    }
}
