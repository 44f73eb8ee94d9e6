package io.marketsentinel.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketsentinel.alerting.Digest;
import io.marketsentinel.alerting.Evaluator;
import io.marketsentinel.check.ChartDrawing;
import io.marketsentinel.check.MarketCheck;
import io.marketsentinel.check.SilenceBook;
import io.marketsentinel.config.ConfigCheck;
import io.marketsentinel.config.LiveSecrets;
import io.marketsentinel.config.SecretsConfigSourceFactory;
import io.marketsentinel.config.SecretsManager;
import io.marketsentinel.config.SentinelConfig;
import io.marketsentinel.lambda.ManualTrigger;
import io.marketsentinel.market.CoinGeckoClient;
import io.marketsentinel.notify.ChannelRoute;
import io.marketsentinel.notify.Channels;
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
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

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

    /**
     * The secrets as the running function uses them: read again from {@code sentinel.secrets.arn} when their
     * copy is older than {@code sentinel.secrets.refresh}, or at once when a channel refuses its credentials.
     * A key set elsewhere (the environment) stays as it is: only the keys the secret gave (or nobody gave) follow it.
     */
    @Produces
    @Singleton
    LiveSecrets secrets(SentinelConfig config, Config configuration, Clock clock) {
        Map<String, Optional<String>> atStart = ConfigCheck.secrets(config);
        if (config.secrets().arn().filter(arn -> !arn.isBlank()).isEmpty()) {
            return LiveSecrets.fixed(atStart);
        }
        Set<String> pinned = new HashSet<>();
        for (String key : atStart.keySet()) {
            ConfigValue value = configuration.getConfigValue(key);
            if (value.getValue() != null && value.getSourceOrdinal() != SecretsConfigSourceFactory.ORDINAL) {
                pinned.add(key);
            }
        }
        Logger.getLogger(Wiring.class).infof("event=secrets_followed every=%s set_elsewhere=%s", config.secrets().refresh(),
                pinned.isEmpty() ? "none" : String.join(",", new TreeSet<>(pinned)));
        Optional<String> endpoint = config.secrets().endpoint();
        return new LiveSecrets(config.secrets().arn().get(), arn -> SecretsManager.read(arn, endpoint), atStart, pinned,
                secrets -> ConfigCheck.secretProblems(config, secrets), config.secrets().refresh(), clock);
    }

    /** The channels, built again from the secrets whenever one of their values changes. */
    @Produces
    @ApplicationScoped
    @DefaultBean
    Channels channels(SentinelConfig config, LiveSecrets secrets, Clock clock, Instance<SlackNotifiers> slack,
                      Instance<WebhookNotifiers> webhook, Instance<PagerDutyNotifiers> pagerDuty,
                      Instance<TelegramNotifiers> telegram, Instance<DiscordNotifiers> discord,
                      Instance<TeamsNotifiers> teams) {
        return new SecretChannels(secrets, values -> dispatcher(config, values::get, clock, slack, webhook, pagerDuty,
                telegram, discord, teams));
    }

    /** The channels the configuration and {@code secret} (each secret key's value now) turn on. */
    private static NotificationDispatcher dispatcher(SentinelConfig config, Function<String, Optional<String>> secret,
                                                     Clock clock, Instance<SlackNotifiers> slack,
                                                     Instance<WebhookNotifiers> webhook,
                                                     Instance<PagerDutyNotifiers> pagerDuty,
                                                     Instance<TelegramNotifiers> telegram,
                                                     Instance<DiscordNotifiers> discord, Instance<TeamsNotifiers> teams) {
        ZoneId zone = ZoneId.of(config.notifications().timezone());
        List<Notifier> notifiers = new ArrayList<>();
        Map<String, ChannelRoute> routes = new LinkedHashMap<>();
        SentinelConfig.Notify notify = config.notifications();
        // Each channel's REST client is looked up only when the channel is configured.
        secret.apply("sentinel.notify.slack.webhook-url").ifPresent(url -> {
            notifiers.add(slack.get().notifier(url, notify.slack().timeout(), clock));
            routes.put("slack", route(notify.slack(), zone));
        });
        SentinelConfig.Email email = notify.email();
        email.to().filter(to -> !to.isEmpty()).ifPresent(to -> {
            notifiers.add(new EmailNotifier(smtpServer(email.smtp(), secret), email.from().orElseThrow(), to, clock));
            routes.put("email", route(email, zone));
        });
        secret.apply("sentinel.notify.webhook.url").ifPresent(url -> {
            notifiers.add(webhook.get().notifier(url, secret.apply("sentinel.notify.webhook.secret").orElseThrow(),
                    notify.webhook().timeout(), clock));
            routes.put("webhook", route(notify.webhook(), zone));
        });
        SentinelConfig.PagerDuty pd = notify.pagerduty();
        secret.apply("sentinel.notify.pagerduty.routing-key").ifPresent(key -> {
            notifiers.add(pagerDuty.get().notifier(pd.url(), key, pd.timeout(), clock));
            routes.put("pagerduty", new ChannelRoute(pd.rules(), Optional.of(pd.sendResolved())));
        });
        SentinelConfig.Telegram tg = notify.telegram();
        secret.apply("sentinel.notify.telegram.bot-token").ifPresent(token -> {
            notifiers.add(telegram.get().notifier(token, tg.chatId().orElseThrow(), tg.timeout(), clock));
            routes.put("telegram", route(tg, zone));
        });
        secret.apply("sentinel.notify.discord.webhook-url").ifPresent(url -> {
            notifiers.add(discord.get().notifier(url, notify.discord().timeout(), clock));
            routes.put("discord", route(notify.discord(), zone));
        });
        secret.apply("sentinel.notify.teams.webhook-url").ifPresent(url -> {
            notifiers.add(teams.get().notifier(url, notify.teams().timeout(), clock));
            routes.put("teams", route(notify.teams(), zone));
        });
        if (notifiers.isEmpty()) {
            notifiers.add(new ConsoleNotifier());
        }
        return new NotificationDispatcher(notifiers, routes, config.notifications().deadLetterAfter(), clock);
    }

    /** The zone and the hours were checked at start ({@link io.marketsentinel.config.ConfigCheck}). */
    private static ChannelRoute route(SentinelConfig.Routing routing, ZoneId zone) {
        return new ChannelRoute(routing.rules(), routing.sendResolved(),
                routing.quietHours().map(text -> QuietHours.parse(text, zone)));
    }

    @Produces
    @ApplicationScoped
    @DefaultBean
    MarketCheck marketCheck(StateStore store, CoinGeckoClient coinGecko, Channels channels,
                            ChartDrawing charts, RuleSet rules, SentinelConfig config, Clock clock, ObjectMapper mapper) {
        MarketCheck.Listener metrics = config.metrics().emf()
                ? report -> EmfMetrics.emit(report, mapper, System.out) : MarketCheck.Listener.NONE;
        MarketCheck.Settings settings = new MarketCheck.Settings(config.coins(), rules.marketRetention(),
                rules.coinRetention(), config.run().timeout(), config.run().reserve(), config.run().every(),
                config.digest().at().map(at -> new Digest.Settings(java.time.LocalTime.parse(at.strip()),
                        java.time.ZoneId.of(config.notifications().timezone()), config.digest().channels(),
                        rules.drawdown().window(), rules.drawdown().percent(), rules.low().minAge())));
        return new MarketCheck(store, coinGecko, channels, new Evaluator(rules.rules(), config.rules().repeatInterval()),
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
    CoinGeckoClient.Settings coinGecko(SentinelConfig config, LiveSecrets secrets) {
        SentinelConfig.CoinGecko c = config.coingecko();
        String key = "sentinel.coingecko.api-key";
        BooleanSupplier keyRefused = () -> {
            Optional<String> before = secrets.get(key);
            secrets.refreshNow();
            return !secrets.get(key).equals(before);
        };
        return new CoinGeckoClient.Settings(c.baseUrl(), () -> secrets.get(key), c.keyType().header(),
                c.keyType() == SentinelConfig.KeyType.pro, c.timeout(), c.retries(), c.retryBackoff(), c.budget(),
                c.maxDataAge(), keyRefused);
    }

    @Produces
    @Singleton
    ManualTrigger.Settings trigger(SentinelConfig config, LiveSecrets secrets) {
        return new ManualTrigger.Settings(() -> secrets.get("sentinel.trigger.token"), config.trigger().minInterval());
    }

    /** Host and sender are present: {@link io.marketsentinel.config.ConfigCheck} refuses to start without them. */
    static SmtpServer smtpServer(SentinelConfig.Smtp smtp, Function<String, Optional<String>> secret) {
        return new SmtpServer(smtp.host().orElseThrow(), smtp.port().orElse(SmtpSecurity.valueOf(smtp.security().name()).defaultPort()),
                SmtpSecurity.valueOf(smtp.security().name()),
                secret.apply("sentinel.notify.email.smtp.username"), secret.apply("sentinel.notify.email.smtp.password"),
                smtp.timeout());
    }
}
