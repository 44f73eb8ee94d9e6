package io.marketsentinel.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketsentinel.config.SentinelConfig;
import io.marketsentinel.notify.NotificationDispatcher;
import io.marketsentinel.notify.Notifier;
import io.marketsentinel.notify.console.ConsoleNotifier;
import io.marketsentinel.notify.email.EmailNotifier;
import io.marketsentinel.notify.email.SmtpServer;
import io.marketsentinel.notify.slack.SlackNotifier;
import io.marketsentinel.store.BaselineStore;
import io.marketsentinel.store.StateCodec;
import io.marketsentinel.store.dynamodb.DynamoDbBaselineStore;
import io.marketsentinel.store.dynamodb.DynamoDbClients;
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
    BaselineStore store(SentinelConfig config, ObjectMapper mapper, Clock clock) {
        StateCodec codec = new StateCodec();
        return switch (config.store().type()) {
            case file -> new FileBaselineStore(Path.of(config.store().file().path()), codec);
            // The DynamoDB client (and the SDK behind it) is only built when it is the configured store.
            case dynamodb -> new DynamoDbBaselineStore(
                    DynamoDbClients.create(config.store().dynamodb().region(), config.store().dynamodb().endpoint()),
                    config.store().dynamodb().table().orElseThrow(), config.store().dynamodb().key(), codec, clock);
        };
    }

    @Produces
    @ApplicationScoped
    @DefaultBean
    NotificationDispatcher dispatcher(SentinelConfig config, Clock clock, ObjectMapper mapper) {
        List<Notifier> notifiers = new ArrayList<>();
        SentinelConfig.Notify notify = config.notifications();
        notify.slack().webhookUrl().ifPresent(url -> notifiers.add(new SlackNotifier(url, notify.slack().timeout(), clock)));
        SentinelConfig.Email email = notify.email();
        email.to().filter(to -> !to.isEmpty()).ifPresent(to -> notifiers.add(
                new EmailNotifier(smtpServer(email.smtp()), email.from().orElseThrow(), to, clock)));
        if (notifiers.isEmpty()) {
            notifiers.add(new ConsoleNotifier());
        }
        return new NotificationDispatcher(notifiers, config.notifications().deadLetterAfter(), clock);
    }

    /** Host and sender are present: {@link io.marketsentinel.config.ConfigCheck} refuses to start without them. */
    static SmtpServer smtpServer(SentinelConfig.Smtp smtp) {
        return new SmtpServer(smtp.host().orElseThrow(), smtp.port().orElse(smtp.security().defaultPort()), smtp.security(),
                smtp.username(), smtp.password(), smtp.timeout());
    }
}
