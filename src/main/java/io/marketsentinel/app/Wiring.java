package io.marketsentinel.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketsentinel.alerting.Digest;
import io.marketsentinel.alerting.Evaluator;
import io.marketsentinel.check.ChartDrawing;
import io.marketsentinel.check.MarketCheck;
import io.marketsentinel.check.SilenceBook;
import io.marketsentinel.config.SentinelConfig;
import io.marketsentinel.lambda.ManualTrigger;
import io.marketsentinel.market.CoinGeckoClient;
import io.marketsentinel.notify.ChannelRoute;
import io.marketsentinel.notify.Chart;
import io.marketsentinel.notify.NotificationDispatcher;
import io.marketsentinel.notify.QuietHours;
import io.marketsentinel.notify.Notifier;
import io.marketsentinel.notify.console.ConsoleNotifier;
import io.marketsentinel.notify.email.EmailNotifier;
import io.marketsentinel.notify.email.SmtpSecurity;
import io.marketsentinel.notify.email.SmtpServer;
import io.marketsentinel.notify.discord.DiscordNotifiers;
import io.marketsentinel.notify.pagerduty.PagerDutyNotifiers;
import io.marketsentinel.notify.slack.SlackNotifiers;
import io.marketsentinel.notify.teams.TeamsNotifiers;
import io.marketsentinel.notify.telegram.TelegramNotifiers;
import io.marketsentinel.notify.webhook.WebhookNotifiers;
import io.marketsentinel.replay.ChartWriter;
import io.marketsentinel.rules.Rule;
import io.marketsentinel.rules.RuleSet;
import io.marketsentinel.store.StateStore;
import io.marketsentinel.store.StateCodec;
import io.marketsentinel.store.dynamodb.DynamoDbStateStore;
import io.marketsentinel.store.dynamodb.DynamoDbClients;
import io.marketsentinel.store.file.FileStateStore;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;

/**
 * The composition root: the one place that reads {@link SentinelConfig} and wires the use case —
 * which store, which notifiers, the rules, the guard, the metrics, the REST clients' settings, the
 * trigger's. Everything it builds is plain Java given its collaborators; the framework stays here.
 */
@Singleton
public class Wiring {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @ApplicationScoped
    @DefaultBean
    StateStore store(SentinelConfig config, ObjectMapper mapper, Clock clock) {
        StateCodec codec = new StateCodec();
        return switch (config.store().type()) {
            case file -> new FileStateStore(Path.of(config.store().file().path()), codec);
            // The DynamoDB client (and the SDK behind it) is only built when it is the configured store.
            case dynamodb -> new DynamoDbStateStore(
                    DynamoDbClients.create(config.store().dynamodb().region(), config.store().dynamodb().endpoint()),
                    config.store().dynamodb().table().orElseThrow(), config.store().dynamodb().key(), codec, clock);
        };
    }

    @Produces
    @ApplicationScoped
    @DefaultBean
    NotificationDispatcher dispatcher(SentinelConfig config, Clock clock, Instance<SlackNotifiers> slack,
                                      Instance<WebhookNotifiers> webhook, Instance<PagerDutyNotifiers> pagerDuty,
                                      Instance<TelegramNotifiers> telegram, Instance<DiscordNotifiers> discord,
                                      Instance<TeamsNotifiers> teams) {
        java.time.ZoneId zone = java.time.ZoneId.of(config.notifications().timezone());
        List<Notifier> notifiers = new ArrayList<>();
        Map<String, ChannelRoute> routes = new LinkedHashMap<>();
        SentinelConfig.Notify notify = config.notifications();
        // Each channel's REST client is looked up only when the channel is configured.
        notify.slack().webhookUrl().ifPresent(url -> {
            notifiers.add(slack.get().notifier(url, notify.slack().timeout(), clock));
            routes.put("slack", route(notify.slack(), zone));
        });
        SentinelConfig.Email email = notify.email();
        email.to().filter(to -> !to.isEmpty()).ifPresent(to -> {
            notifiers.add(new EmailNotifier(smtpServer(email.smtp()), email.from().orElseThrow(), to, clock));
            routes.put("email", route(email, zone));
        });
        notify.webhook().url().ifPresent(url -> {
            notifiers.add(webhook.get().notifier(url, notify.webhook().secret().orElseThrow(), notify.webhook().timeout(),
                    clock));
            routes.put("webhook", route(notify.webhook(), zone));
        });
        SentinelConfig.PagerDuty pd = notify.pagerduty();
        pd.routingKey().ifPresent(key -> {
            notifiers.add(pagerDuty.get().notifier(pd.url(), key, pd.timeout(), clock));
            routes.put("pagerduty", new ChannelRoute(pd.rules(), Optional.of(pd.sendResolved())));
        });
        SentinelConfig.Telegram tg = notify.telegram();
        tg.botToken().ifPresent(token -> {
            notifiers.add(telegram.get().notifier(token, tg.chatId().orElseThrow(), tg.timeout(), clock));
            routes.put("telegram", route(tg, zone));
        });
        notify.discord().webhookUrl().ifPresent(url -> {
            notifiers.add(discord.get().notifier(url, notify.discord().timeout(), clock));
            routes.put("discord", route(notify.discord(), zone));
        });
        notify.teams().webhookUrl().ifPresent(url -> {
            notifiers.add(teams.get().notifier(url, notify.teams().timeout(), clock));
            routes.put("teams", route(notify.teams(), zone));
        });
        if (notifiers.isEmpty()) {
            notifiers.add(new ConsoleNotifier());
        }
        return new NotificationDispatcher(notifiers, routes, config.notifications().deadLetterAfter(), clock);
    }

    /** The zone and the hours were checked at start ({@link io.marketsentinel.config.ConfigCheck}). */
    private static ChannelRoute route(SentinelConfig.Routing routing, java.time.ZoneId zone) {
        return new ChannelRoute(routing.rules(), routing.sendResolved(),
                routing.quietHours().map(text -> QuietHours.parse(text, zone)));
    }

    @Produces
    @ApplicationScoped
    @DefaultBean
    MarketCheck marketCheck(StateStore store, CoinGeckoClient coinGecko, NotificationDispatcher dispatcher,
                            ChartDrawing charts, RuleSet rules, SentinelConfig config, Clock clock, ObjectMapper mapper) {
        MarketCheck.Listener metrics = config.metrics().emf()
                ? report -> EmfMetrics.emit(report, mapper, System.out) : MarketCheck.Listener.NONE;
        MarketCheck.Settings settings = new MarketCheck.Settings(config.coins(), rules.marketRetention(),
                rules.coinRetention(), config.run().timeout(), config.run().reserve(), config.run().every(),
                config.digest().at().map(at -> new Digest.Settings(java.time.LocalTime.parse(at.strip()),
                        java.time.ZoneId.of(config.notifications().timezone()), config.digest().channels(),
                        rules.drawdown().window(), rules.drawdown().percent(), rules.low().minAge())));
        return new MarketCheck(store, coinGecko, dispatcher, new Evaluator(rules.rules(), config.rules().repeatInterval()),
                RuleSettings.guard(config), settings, metrics, charts, clock, mapper);
    }

    /** Every rule's settings, built once from the configuration: the check, the silences and the charts share them. */
    @Produces
    @Singleton
    RuleSet rules(SentinelConfig config) {
        return RuleSettings.ruleSet(config, config.coins());
    }

    /** The silences' use case: the same store, the rules and coins the check evaluates. */
    @Produces
    @Singleton
    SilenceBook silences(StateStore store, RuleSet rules, SentinelConfig config, Clock clock) {
        return new SilenceBook(store, rules.rules().stream().map(Rule::name).toList(), config.coins(),
                config.run().timeout(), clock);
    }

    /**
     * The alerts' charts, drawn by the replay's chart code, unless turned off or not in this build (the
     * native executable leaves the charting library and AWT out).
     */
    @Produces
    @Singleton
    ChartDrawing charts(SentinelConfig config, RuleSet rules) {
        if (!config.notifications().charts()) {
            return ChartDrawing.NONE;
        }
        ChartWriter writer;
        try {
            writer = ChartWriter.load();
        } catch (IllegalStateException e) {
            Logger.getLogger(Wiring.class).infof("event=charts_off reason=\"%s\"", e.getMessage());
            return ChartDrawing.NONE;
        }
        return history -> notification -> writer.alertPng(notification, history, rules)
                .map(png -> new Chart(notification.rule().replace(':', '-') + ".png", png));
    }

    @Produces
    @Singleton
    CoinGeckoClient.Settings coinGecko(SentinelConfig config) {
        SentinelConfig.CoinGecko c = config.coingecko();
        return new CoinGeckoClient.Settings(c.baseUrl(), c.apiKey(), c.keyType().header(), c.keyType() == SentinelConfig.KeyType.pro,
                c.timeout(), c.retries(), c.retryBackoff(), c.budget(), c.maxDataAge());
    }

    @Produces
    @Singleton
    ManualTrigger.Settings trigger(SentinelConfig config) {
        return new ManualTrigger.Settings(config.trigger().token(), config.trigger().minInterval());
    }

    /** Host and sender are present: {@link io.marketsentinel.config.ConfigCheck} refuses to start without them. */
    static SmtpServer smtpServer(SentinelConfig.Smtp smtp) {
        return new SmtpServer(smtp.host().orElseThrow(), smtp.port().orElse(SmtpSecurity.valueOf(smtp.security().name()).defaultPort()),
                SmtpSecurity.valueOf(smtp.security().name()),
                smtp.username(), smtp.password(), smtp.timeout());
    }
}
