package io.marketsentinel.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketsentinel.config.SentinelConfig;
import io.marketsentinel.notify.NotificationDispatcher;
import io.marketsentinel.notify.Notifier;
import io.marketsentinel.notify.console.ConsoleNotifier;
import io.marketsentinel.store.BaselineStore;
import io.marketsentinel.store.StateCodec;
import io.marketsentinel.store.StoreException;
import io.marketsentinel.store.file.FileBaselineStore;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Wires the plain-Java parts from the configuration: the framework stays at this edge. */
@Singleton
public class SentinelBeans {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @ApplicationScoped
    @DefaultBean
    BaselineStore store(SentinelConfig config, ObjectMapper mapper) {
        StateCodec codec = new StateCodec(mapper);
        return switch (config.store().type()) {
            case file -> new FileBaselineStore(Path.of(config.store().file().path()), codec);
            case dynamodb -> throw new StoreException("sentinel.store.type=dynamodb is not available in this build");
        };
    }

    @Produces
    @ApplicationScoped
    @DefaultBean
    NotificationDispatcher dispatcher(SentinelConfig config, Clock clock) {
        List<Notifier> notifiers = new ArrayList<>();
        if (notifiers.isEmpty()) {
            notifiers.add(new ConsoleNotifier());
        }
        return new NotificationDispatcher(notifiers, config.notifications().deadLetterAfter(), clock);
    }
}
