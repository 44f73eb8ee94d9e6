package io.marketsentinel.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Checks the settings once at start-up, so a bad value stops the function with a message naming
 * the key instead of surfacing later as a strange alert or none.
 */
@Singleton
public class ConfigCheck {

    private static final Pattern COIN_ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    /** A plain address (local@domain) or a display-name form ("Ops <ops@example.com>"), no more. */
    private static final Pattern MAIL_ADDRESS = Pattern.compile("[^@<>\\s]+@[^@<>\\s]+|[^<>]*<[^@<>\\s]+@[^@<>\\s]+>");

    void onStart(@Observes StartupEvent event, SentinelConfig config) {
        List<String> problems = problems(config);
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
    }

    /** Every problem found, each naming its key; empty when the configuration is usable. */
    public static List<String> problems(SentinelConfig config) {
        List<String> problems = new ArrayList<>();
        coinGecko(problems, config.coingecko());
        if (config.coins().isEmpty()) {
            problems.add("sentinel.coins must name at least one coin");
        }
        for (String coin : config.coins()) {
            if (!COIN_ID.matcher(coin).matches()) {
                problems.add("sentinel.coins: '" + coin + "' is not a CoinGecko coin id (lower-case letters, digits, '-')");
            }
        }
        SentinelConfig.Drawdown d = config.rules().drawdown();
        positive(problems, "sentinel.rules.drawdown.window", d.window());
        if (!(d.percent() > 0 && d.percent() < 100)) {
            problems.add(bad("sentinel.rules.drawdown.percent", d.percent(), "must be above 0 and below 100"));
        }
        if (d.holdFor().isNegative()) {
            problems.add(bad("sentinel.rules.drawdown.for", d.holdFor(), "must not be negative"));
        }
        if (d.usd().isPresent() && !(d.usd().getAsDouble() > 0)) {
            problems.add(bad("sentinel.rules.drawdown.usd", d.usd().getAsDouble(), "must be positive"));
        }
        if (!(d.escalationStep() > 0)) {
            problems.add(bad("sentinel.rules.drawdown.escalation-step", d.escalationStep(), "must be positive"));
        }
        if (!(d.resolveRatio() >= 0 && d.resolveRatio() < 1)) {
            problems.add(bad("sentinel.rules.drawdown.resolve-ratio", d.resolveRatio(), "must be at least 0 and below 1"));
        }
        rules(problems, config.rules());
        SentinelConfig.Low low = config.rules().low();
        if (low.minAge().toDays() < 1) {
            problems.add(bad("sentinel.rules.low.min-age", low.minAge(), "must be at least one day"));
        }
        if (low.escalationStep().toDays() < 1) {
            problems.add(bad("sentinel.rules.low.escalation-step", low.escalationStep(), "must be at least one day"));
        }
        if (!(low.recoveryPercent() > 0)) {
            problems.add(bad("sentinel.rules.low.recovery-percent", low.recoveryPercent(), "must be positive"));
        }
        config.rules().repeatInterval().ifPresent(r -> positive(problems, "sentinel.rules.repeat-interval", r));
        positive(problems, "sentinel.notify.dead-letter-after", config.notifications().deadLetterAfter());
        if (config.store().type() == SentinelConfig.StoreType.dynamodb && config.store().dynamodb().table().isEmpty()) {
            problems.add("sentinel.store.dynamodb.table is required when sentinel.store.type=dynamodb");
        }
        config.store().dynamodb().endpoint().ifPresent(endpoint -> {
            if (!isHttpUrl(endpoint)) {
                problems.add(bad("sentinel.store.dynamodb.endpoint", endpoint, "must be an http(s) URL"));
            }
        });
        if (config.store().file().path().isBlank()) {
            problems.add("sentinel.store.file.path must not be blank");
        }
        problems.addAll(secretProblems(config, secrets(config)).values());
        email(problems, config.notifications().email());
        channels(problems, config.notifications());
        quietHours(problems, config.notifications());
        config.digest().channels().ifPresent(named -> named.stream()
                .filter(c -> !List.of("slack", "email", "webhook", "pagerduty", "telegram", "discord", "teams", "console").contains(c))
                .forEach(c -> problems.add(bad("sentinel.digest.channels", c, "is not a channel (slack, email, webhook, "
                        + "pagerduty, telegram, discord, teams or console)"))));
        config.digest().at().ifPresent(at -> {
            if (!at.strip().matches("([01]\\d|2[0-3]):[0-5]\\d")) {
                problems.add(bad("sentinel.digest.at", at, "write the time as HH:MM, e.g. 08:00 (in sentinel.notify.timezone)"));
            }
        });
        run(problems, config);
        positive(problems, "sentinel.rules.low.stale-after", config.rules().low().staleAfter());
        guard(problems, config.guard());
        return problems;
    }

    /** The keys whose values are secrets: named in messages, never shown. */
    public static final List<String> SECRET_KEYS = secretKeys();

    /** The list in {@code secret-keys.txt} beside this class, which the stack in {@code infra/} reads too. */
    private static List<String> secretKeys() {
        try (InputStream in = ConfigCheck.class.getResourceAsStream("secret-keys.txt")) {
            if (in == null) {
                throw new IllegalStateException("secret-keys.txt is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each secret key with its configured value, in the order of {@link #SECRET_KEYS}. */
    public static Map<String, Optional<String>> secrets(SentinelConfig config) {
        Map<String, Optional<String>> secrets = new LinkedHashMap<>();
        for (String key : SECRET_KEYS) {
            secrets.put(key, switch (key) {
                case "sentinel.notify.slack.webhook-url" -> config.notifications().slack().webhookUrl();
                case "sentinel.coingecko.api-key" -> config.coingecko().apiKey();
                case "sentinel.trigger.token" -> config.trigger().token();
                case "sentinel.notify.email.smtp.username" -> config.notifications().email().smtp().username();
                case "sentinel.notify.email.smtp.password" -> config.notifications().email().smtp().password();
                case "sentinel.notify.webhook.url" -> config.notifications().webhook().url();
                case "sentinel.notify.webhook.secret" -> config.notifications().webhook().secret();
                case "sentinel.notify.pagerduty.routing-key" -> config.notifications().pagerduty().routingKey();
                case "sentinel.notify.telegram.bot-token" -> config.notifications().telegram().botToken();
                case "sentinel.notify.discord.webhook-url" -> config.notifications().discord().webhookUrl();
                case "sentinel.notify.teams.webhook-url" -> config.notifications().teams().webhookUrl();
                default -> throw new IllegalStateException("secret-keys.txt names " + key + ", which has no value here");
            });
        }
        return secrets;
    }

    private static void secret(List<String> problems, String key, Optional<String> value) {
        if (value.isEmpty()) {
            return;
        }
        String v = value.get();
        if (!v.equals(v.strip())) {
            problems.add(key + " has leading or trailing whitespace (a copy-paste?); the value is not shown");
        } else if (!clean(v)) {
            problems.add(key + " contains a control character or a space; the value is not shown");
        }
    }

    /**
     * No whitespace, no control or invisible formatting characters anywhere: what a URL, key, token or
     * password may hold here. A no-break space or a zero-width space pasted with a token is refused like
     * an ASCII one.
     */
    private static boolean clean(String value) {
        return value.chars().noneMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)
                || Character.isISOControl(c) || Character.getType(c) == Character.FORMAT);
    }

    private static void coinGecko(List<String> problems, SentinelConfig.CoinGecko coinGecko) {
        if (!isHttpUrl(coinGecko.baseUrl())) {
            problems.add(bad("sentinel.coingecko.base-url", coinGecko.baseUrl(), "must be an http(s) URL"));
        }
        positive(problems, "sentinel.coingecko.timeout", coinGecko.timeout());
        positive(problems, "sentinel.coingecko.budget", coinGecko.budget());
        positive(problems, "sentinel.coingecko.max-data-age", coinGecko.maxDataAge());
        if (coinGecko.retries() < 0 || coinGecko.retries() > 10) {
            problems.add(bad("sentinel.coingecko.retries", coinGecko.retries(), "must be between 0 and 10"));
        }
    }

    /** The notify time zone is a zone, and each channel's quiet hours read as HH:MM-HH:MM. */
    private static void quietHours(List<String> problems, SentinelConfig.Notify notify) {
        java.time.ZoneId zone;
        try {
            zone = java.time.ZoneId.of(notify.timezone());
        } catch (java.time.DateTimeException e) {
            problems.add(bad("sentinel.notify.timezone", notify.timezone(), "is not a time zone (an IANA name such as "
                    + "Europe/Berlin, or UTC)"));
            return;
        }
        Map<String, SentinelConfig.Routing> channels = new java.util.LinkedHashMap<>();
        channels.put("slack", notify.slack());
        channels.put("email", notify.email());
        channels.put("webhook", notify.webhook());
        channels.put("telegram", notify.telegram());
        channels.put("discord", notify.discord());
        channels.put("teams", notify.teams());
        // The form notify.QuietHours reads (config uses no other package, so the check is its own).
        channels.forEach((name, routing) -> routing.quietHours().ifPresent(text -> {
            java.util.regex.Matcher m = QUIET_HOURS.matcher(text.strip());
            boolean valid;
            try {
                valid = m.matches() && !java.time.LocalTime.of(hour(m.group(1)), hour(m.group(2)))
                        .equals(java.time.LocalTime.of(hour(m.group(3)), hour(m.group(4))));
            } catch (java.time.DateTimeException e) {
                valid = false; // 24:00, 07:60
            }
            if (!valid) {
                problems.add(bad("sentinel.notify." + name + ".quiet-hours", text,
                        "write the quiet hours as HH:MM-HH:MM, e.g. 22:00-07:00 (in sentinel.notify.timezone, " + zone + ")"));
            }
        }));
    }

    private static final Pattern QUIET_HOURS = Pattern.compile("(\\d{1,2}):(\\d{2})-(\\d{1,2}):(\\d{2})");

    private static int hour(String digits) {
        return Integer.parseInt(digits);
    }

    /** PagerDuty and Telegram need http(s) base URLs (the secrets' own checks are {@link #secretProblems}). */
    private static void channels(List<String> problems, SentinelConfig.Notify notify) {
        if (notify.pagerduty().routingKey().isPresent() && !isHttpUrl(notify.pagerduty().url())) {
            problems.add(bad("sentinel.notify.pagerduty.url", notify.pagerduty().url(), "must be an http(s) URL"));
        }
        if (notify.telegram().botToken().isPresent() && !isHttpUrl(notify.telegram().baseUrl())) {
            problems.add(bad("sentinel.notify.telegram.base-url", notify.telegram().baseUrl(), "must be an http(s) URL"));
        }
    }

    /**
     * What is wrong with {@code secrets} (each secret key's value, as in {@link #secrets}), by key: the start's
     * check, and the running function's when it reads its secret again (a refused value is not taken). Secrets
     * are named by key, never echoed. Whitespace or a control character from a copy-paste would otherwise
     * pass here and then fail every run (or lock every caller out).
     */
    public static Map<String, String> secretProblems(SentinelConfig config, Map<String, Optional<String>> secrets) {
        Map<String, String> problems = new LinkedHashMap<>();
        secrets.forEach((key, value) -> {
            List<String> found = new ArrayList<>();
            secret(found, key, value);
            found.forEach(problem -> problems.merge(key, problem, (a, b) -> a + "; " + b));
        });
        Function<String, Optional<String>> usable = key -> problems.containsKey(key)
                ? Optional.empty() : secrets.getOrDefault(key, Optional.empty());
        for (String key : List.of("sentinel.notify.slack.webhook-url", "sentinel.notify.webhook.url",
                "sentinel.notify.discord.webhook-url", "sentinel.notify.teams.webhook-url")) {
            usable.apply(key).filter(url -> !isHttpUrl(url))
                    .ifPresent(url -> problems.put(key, key + " must be an http(s) URL"));
        }
        if (usable.apply("sentinel.notify.webhook.url").isPresent() && secrets.getOrDefault("sentinel.notify.webhook.secret",
                Optional.empty()).isEmpty()) {
            problems.put("sentinel.notify.webhook.url",
                    "sentinel.notify.webhook.secret is required when sentinel.notify.webhook.url is set");
        }
        usable.apply("sentinel.notify.webhook.secret").ifPresent(secret -> {
            if (!secret.startsWith("whsec_") || !base64(secret.substring(6))) {
                problems.put("sentinel.notify.webhook.secret", "sentinel.notify.webhook.secret must be whsec_ followed by "
                        + "base64 (as Standard Webhooks secrets are); the value is not shown");
            }
        });
        if (secrets.getOrDefault("sentinel.notify.telegram.bot-token", Optional.empty()).isPresent()
                && config.notifications().telegram().chatId().filter(id -> !id.isBlank()).isEmpty()) {
            problems.put("sentinel.notify.telegram.bot-token",
                    "sentinel.notify.telegram.chat-id is required when sentinel.notify.telegram.bot-token is set");
        }
        if (secrets.getOrDefault("sentinel.notify.email.smtp.password", Optional.empty()).isPresent()
                && secrets.getOrDefault("sentinel.notify.email.smtp.username", Optional.empty()).isEmpty()) {
            problems.put("sentinel.notify.email.smtp.password",
                    "sentinel.notify.email.smtp.password is set but sentinel.notify.email.smtp.username is not");
        }
        return problems;
    }

    private static void channelTimeout(List<String> problems, String channel, boolean on, Duration timeout, Duration budget) {
        if (on && timeout.compareTo(budget) >= 0) {
            problems.add(bad("sentinel.notify." + channel + ".timeout", timeout, "must be shorter than "
                    + "sentinel.run.timeout less sentinel.run.reserve (" + budget + "), or no send could ever start"));
        }
    }

    private static boolean base64(String value) {
        try {
            return !value.isEmpty() && java.util.Base64.getDecoder().decode(value).length > 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The drawdown windows by name, the coin drawdown, the levels' margin and the news margin. */
    private static void rules(List<String> problems, SentinelConfig.Rules rules) {
        rules.drawdowns().forEach((name, w) -> {
            String key = "sentinel.rules.drawdowns." + name;
            if (!name.matches("[a-z][a-z0-9]*")) {
                problems.add(key + ": a window's name is lower-case letters and digits (the environment variable "
                        + "mapping cannot tell a dash from a dot), not '" + name + "'");
            }
            positive(problems, key + ".window", w.window());
            if (!(w.percent() > 0 && w.percent() < 100)) {
                problems.add(bad(key + ".percent", w.percent(), "must be above 0 and below 100"));
            }
            if (w.holdFor().isNegative()) {
                problems.add(bad(key + ".for", w.holdFor(), "must not be negative"));
            }
            if (!(w.escalationStep() > 0)) {
                problems.add(bad(key + ".escalation-step", w.escalationStep(), "must be positive"));
            }
            if (!(w.resolveRatio() >= 0 && w.resolveRatio() < 1)) {
                problems.add(bad(key + ".resolve-ratio", w.resolveRatio(), "must be at least 0 and below 1"));
            }
        });
        SentinelConfig.CoinDrawdown cd = rules.coinDrawdown();
        cd.percent().ifPresent(p -> {
            if (!(p > 0 && p < 100)) {
                problems.add(bad("sentinel.rules.coin-drawdown.percent", p, "must be above 0 and below 100"));
            }
        });
        positive(problems, "sentinel.rules.coin-drawdown.window", cd.window());
        if (!(cd.escalationStep() > 0)) {
            problems.add(bad("sentinel.rules.coin-drawdown.escalation-step", cd.escalationStep(), "must be positive"));
        }
        if (rules.levels().rearmPercent() < 0) {
            problems.add(bad("sentinel.rules.levels.rearm-percent", rules.levels().rearmPercent(),
                    "must not be negative"));
        }
        if (rules.low().newsPercent() < 0) {
            problems.add(bad("sentinel.rules.low.news-percent", rules.low().newsPercent(), "must not be negative"));
        }
    }

    /**
     * A run needs time after its reserve, and a channel whose one send takes longer than that could never
     * start a send (a send starts only when the budget covers it): both would lose every alert quietly.
     */
    private static void run(List<String> problems, SentinelConfig config) {
        Duration timeout = config.run().timeout();
        Duration reserve = config.run().reserve();
        positive(problems, "sentinel.run.timeout", timeout);
        if (reserve.isNegative()) {
            problems.add(bad("sentinel.run.reserve", reserve, "must not be negative"));
        }
        if (timeout.compareTo(reserve) <= 0) {
            problems.add(bad("sentinel.run.timeout", timeout, "must be longer than sentinel.run.reserve (" + reserve
                    + "), or no check has any time to run"));
            return;
        }
        Duration budget = timeout.minus(reserve);
        SentinelConfig.Notify notify = config.notifications();
        if (notify.slack().webhookUrl().isPresent() && notify.slack().timeout().compareTo(budget) >= 0) {
            problems.add(bad("sentinel.notify.slack.timeout", notify.slack().timeout(), "must be shorter than "
                    + "sentinel.run.timeout less sentinel.run.reserve (" + budget + "), or no post could ever start"));
        }
        if (notify.webhook().url().isPresent() && notify.webhook().timeout().compareTo(budget) >= 0) {
            problems.add(bad("sentinel.notify.webhook.timeout", notify.webhook().timeout(), "must be shorter than "
                    + "sentinel.run.timeout less sentinel.run.reserve (" + budget + "), or no post could ever start"));
        }
        channelTimeout(problems, "telegram", notify.telegram().botToken().isPresent(), notify.telegram().timeout(), budget);
        channelTimeout(problems, "discord", notify.discord().webhookUrl().isPresent(), notify.discord().timeout(), budget);
        channelTimeout(problems, "teams", notify.teams().webhookUrl().isPresent(), notify.teams().timeout(), budget);
        if (notify.pagerduty().routingKey().isPresent() && notify.pagerduty().timeout().compareTo(budget) >= 0) {
            problems.add(bad("sentinel.notify.pagerduty.timeout", notify.pagerduty().timeout(), "must be shorter than "
                    + "sentinel.run.timeout less sentinel.run.reserve (" + budget + "), or no event could ever start"));
        }
        if (notify.email().to().filter(to -> !to.isEmpty()).isPresent()
                && notify.email().smtp().timeout().compareTo(budget) >= 0) {
            problems.add(bad("sentinel.notify.email.smtp.timeout", notify.email().smtp().timeout(), "must be shorter than "
                    + "sentinel.run.timeout less sentinel.run.reserve (" + budget + "), or no mail could ever start"));
        }
    }

    private static void guard(List<String> problems, SentinelConfig.Guard g) {
        if (!(g.totalMin() > 0 && g.totalMin() < g.totalMax())) {
            problems.add(bad("sentinel.guard.total-min", g.totalMin(), "must be positive and below sentinel.guard.total-max (" + shown(g.totalMax()) + ")"));
        }
        if (!(g.priceMin() > 0 && g.priceMin() < g.priceMax())) {
            problems.add(bad("sentinel.guard.price-min", g.priceMin(), "must be positive and below sentinel.guard.price-max (" + shown(g.priceMax()) + ")"));
        }
        if (!(g.stepPercent() > 0)) {
            problems.add(bad("sentinel.guard.step-percent", g.stepPercent(), "must be positive"));
        }
        if (g.percentPerSqrtHour() < 0) {
            problems.add(bad("sentinel.guard.percent-per-sqrt-hour", g.percentPerSqrtHour(), "must not be negative"));
        }
        if (!(g.maxPercent() >= g.stepPercent())) {
            problems.add(bad("sentinel.guard.max-percent", g.maxPercent(), "must be at least sentinel.guard.step-percent (" + shown(g.stepPercent()) + ")"));
        }
        positive(problems, "sentinel.guard.confirm-after", g.confirmAfter());
    }

    /** The mail channel is on when it has recipients; then it needs a sender and a server. */
    private static void email(List<String> problems, SentinelConfig.Email email) {
        List<String> to = email.to().orElse(List.of());
        if (to.isEmpty()) {
            return;
        }
        for (String address : to) {
            if (!MAIL_ADDRESS.matcher(address).matches()) {
                problems.add("sentinel.notify.email.to: '" + address + "' is not a mail address");
            }
        }
        if (email.from().isEmpty()) {
            problems.add("sentinel.notify.email.from is required when sentinel.notify.email.to is set");
        } else if (!MAIL_ADDRESS.matcher(email.from().get()).matches()) {
            problems.add("sentinel.notify.email.from: '" + email.from().get() + "' is not a mail address");
        }
        SentinelConfig.Smtp smtp = email.smtp();
        if (smtp.host().filter(h -> !h.isBlank()).isEmpty()) {
            problems.add("sentinel.notify.email.smtp.host is required when sentinel.notify.email.to is set");
        }
        smtp.port().ifPresent(port -> {
            if (port < 1 || port > 65535) {
                problems.add(bad("sentinel.notify.email.smtp.port", port, "must be between 1 and 65535"));
            }
        });
        positive(problems, "sentinel.notify.email.smtp.timeout", smtp.timeout());
    }

    /** A problem with a value that is not a secret: the key, the value as read, and what it must be. */
    private static String bad(String key, Object value, String why) {
        return key + " is '" + shown(value) + "': " + why;
    }

    /** 15 rather than 15.0; large and fractional numbers as Java writes them. */
    private static String shown(Object value) {
        return value instanceof Double number && number == Math.rint(number) && Math.abs(number) < 1e9
                ? Long.toString(number.longValue()) : String.valueOf(value);
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = URI.create(value);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void positive(List<String> problems, String key, Duration value) {
        if (value.isZero() || value.isNegative()) {
            problems.add(bad(key, value, "must be a positive duration"));
        }
    }
}
