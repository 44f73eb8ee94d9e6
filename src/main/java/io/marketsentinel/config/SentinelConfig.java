package io.marketsentinel.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * All of market-sentinel's settings, under the prefix {@code sentinel}. Every key can also be set
 * as an environment variable by the standard mapping ({@code sentinel.coingecko.base-url} is
 * {@code SENTINEL_COINGECKO_BASE_URL}). Values are checked at start-up by {@link ConfigCheck}.
 */
@ConfigMapping(prefix = "sentinel")
public interface SentinelConfig {

    CoinGecko coingecko();

    /** Watched coin ids (CoinGecko ids, comma-separated) for the coin-low rule. Defaults to {@code bitcoin}. */
    @WithDefault("bitcoin")
    List<String> coins();

    Rules rules();

    Store store();

    /** Delivery channels, under {@code sentinel.notify}. */
    @WithName("notify")
    Notify notifications();

    Trigger trigger();

    Guard guard();

    Metrics metrics();

    Run run();

    Digest digest();

    /** A daily summary through the outbox. */
    interface Digest {
        /** When it is due each day, {@code HH:MM} in {@code sentinel.notify.timezone}. Defaults to none: no digest. */
        Optional<String> at();

        /** The channels it goes to. Defaults to every configured channel. */
        Optional<List<String>> channels();
    }

    /** How long a run may take. */
    interface Run {
        /**
         * A run's deadline when nothing gives one (the CLI, the tests); on Lambda the invocation's
         * remaining time is the deadline. Defaults to {@code PT60S}.
         */
        @WithDefault("PT60S")
        Duration timeout();

        /**
         * Kept free before the deadline for the last save and the answer: the fetch and the
         * deliveries stop this much before it. Defaults to {@code PT5S}.
         */
        @WithDefault("PT5S")
        Duration reserve();

        /**
         * How often the schedule runs a check: {@code status} and {@code GET /status} call the last check late
         * after twice this without one. The stack sets it from its schedule. Defaults to {@code PT15M}.
         */
        @WithDefault("PT15M")
        Duration every();
    }

    /** CloudWatch metrics for the dashboard. */
    interface Metrics {
        /**
         * Write one embedded-metric-format line per check (and per coin) on stdout, which CloudWatch
         * Logs turns into metrics; the stack turns it on. Defaults to {@code false} (a local
         * {@code check} prints only its report).
         */
        @WithDefault("false")
        boolean emf();
    }

    /** The plausibility guard on every reading (see {@code io.marketsentinel.history.ReadingGuard}). */
    interface Guard {
        /** The smallest believable total market cap in USD. Defaults to {@code 1e9}. */
        @WithDefault("1e9")
        double totalMin();

        /** The largest believable total market cap in USD. Defaults to {@code 1e14}. */
        @WithDefault("1e14")
        double totalMax();

        /** The smallest believable coin price in USD. Defaults to {@code 1e-12}. */
        @WithDefault("1e-12")
        double priceMin();

        /** The largest believable coin price in USD. Defaults to {@code 1e8}. */
        @WithDefault("1e8")
        double priceMax();

        /** The plausible move, in percent, between two readings taken at once. Defaults to {@code 3}. */
        @WithDefault("3")
        double stepPercent();

        /** How many more percent are plausible per square root of an hour between readings. Defaults to {@code 4}. */
        @WithDefault("4")
        double percentPerSqrtHour();

        /** The largest plausible move in percent; beyond it only readings agreeing for {@code confirm-after} are taken. Defaults to {@code 50}. */
        @WithDefault("50")
        double maxPercent();

        /** How long readings beyond {@code max-percent} must agree with each other to be taken. Defaults to {@code PT6H}. */
        @WithDefault("PT6H")
        Duration confirmAfter();
    }

    /**
     * Whether start-up primes what the first check needs (REST clients on canned answers, Jackson,
     * the store's first read, the rules' formatting), so a SnapStart snapshot holds it; nothing is
     * sent and CoinGecko is not called. Defaults to {@code true}.
     */
    @WithDefault("true")
    boolean prime();

    Secrets secrets();

    /** Where the deployed function finds its secrets (read at start-up by {@link SecretsConfigSourceFactory}, then by {@link LiveSecrets}). */
    interface Secrets {
        /**
         * ARN of a Secrets Manager secret whose JSON keys are configuration keys (for example
         * {@code sentinel.notify.slack.webhook-url}); its values then act as configuration. Defaults to none.
         */
        Optional<String> arn();

        /** Another Secrets Manager endpoint (a stand-in, in tests). Defaults to AWS's. */
        Optional<String> endpoint();

        /**
         * How old the running function's copy of the secret may grow before it reads it again (it also
         * reads it at once when a channel refuses its credentials). Defaults to {@code PT1H}.
         */
        @WithDefault("PT1H")
        Duration refresh();
    }

    /** CoinGecko API access. */
    interface CoinGecko {
        /** API base URL. Defaults to {@code https://api.coingecko.com/api/v3}. */
        @WithDefault("https://api.coingecko.com/api/v3")
        String baseUrl();

        /** Demo or Pro API key; sent as a header chosen by {@code key-type}. Defaults to none. */
        Optional<String> apiKey();

        /** {@code demo} (header {@code x-cg-demo-api-key}) or {@code pro} ({@code x-cg-pro-api-key}). Defaults to {@code demo}. */
        @WithDefault("demo")
        KeyType keyType();

        /** Connect and read timeout of one request. Defaults to {@code PT5S}. */
        @WithDefault("PT5S")
        Duration timeout();

        /** How many times a 5xx or a timeout is retried. Defaults to {@code 2}. */
        @WithDefault("2")
        int retries();

        /** The first retry's delay; each further retry waits twice as long. Defaults to {@code PT0.5S}. */
        @WithDefault("PT0.5S")
        Duration retryBackoff();

        /** The most a run spends fetching, waits included; a Retry-After beyond it fails the run. Defaults to {@code PT20S}. */
        @WithDefault("PT20S")
        Duration budget();

        /** Data whose {@code updated_at}/{@code last_updated_at} is older than this is refused. Defaults to {@code PT30M}. */
        @WithDefault("PT30M")
        Duration maxDataAge();
    }

    enum KeyType {
        demo("x-cg-demo-api-key"),
        pro("x-cg-pro-api-key");

        private final String header;

        KeyType(String header) {
            this.header = header;
        }

        public String header() {
            return header;
        }
    }

    /** Rule thresholds. */
    interface Rules {
        Drawdown drawdown();

        /**
         * Further market-drawdown windows by name ({@code sentinel.rules.drawdowns.fast.window=P1D}): each
         * is its own rule, {@code market-drawdown:<name>}, with its own episodes. Names are letters and
         * digits (the environment variable mapping cannot tell a dash from a dot). Defaults to none.
         */
        Map<String, NamedDrawdown> drawdowns();

        /** coin-drawdown: each watched coin against its own recent high. */
        CoinDrawdown coinDrawdown();

        /** price-level: crossings of levels the user sets. */
        Levels levels();

        Low low();

        /** Re-notify a still-firing alert at the same level after this long. Defaults to never. */
        Optional<Duration> repeatInterval();
    }

    /** market-drawdown. */
    interface Drawdown {
        /** The trailing window whose high the market is compared with (ISO-8601). Defaults to {@code P7D}. */
        @WithDefault("P7D")
        Duration window();

        /** Fire at this drop from the window high, in percent. Defaults to {@code 15}. */
        @WithDefault("15")
        double percent();

        /** How long the drop must hold before it alerts; {@code PT0S} alerts on the first reading. Defaults to {@code PT15M}. */
        @WithName("for")
        @WithDefault("PT15M")
        Duration holdFor();

        /** Also fire at this drop in USD from the window high. Defaults to none. */
        OptionalDouble usd();

        /** Escalate at each further this many percentage points. Defaults to {@code 5}. */
        @WithDefault("5")
        double escalationStep();

        /** Resolve when the drop is below this fraction of the threshold. Defaults to {@code 0.5}. */
        @WithDefault("0.5")
        double resolveRatio();

        /** Notify when the episode resolves. Defaults to {@code false}. */
        @WithDefault("false")
        boolean sendResolved();
    }

    /** A further market-drawdown window: {@code window} and {@code percent} are required. */
    interface NamedDrawdown {
        /** The trailing window for the high (ISO-8601 or short). */
        Duration window();

        /** Fire at this drop from the window high, in percent. */
        double percent();

        /** How long the drop must hold before it alerts. Defaults to {@code PT15M}. */
        @WithName("for")
        @WithDefault("PT15M")
        Duration holdFor();

        /** Also fire at this absolute drop in USD. Defaults to none. */
        OptionalDouble usd();

        /** Escalate every this many further percentage points. Defaults to {@code 5}. */
        @WithDefault("5")
        double escalationStep();

        /** Resolve when the drop is below this fraction of the threshold. Defaults to {@code 0.5}. */
        @WithDefault("0.5")
        double resolveRatio();

        /** Notify when the episode resolves. Defaults to {@code false}. */
        @WithDefault("false")
        boolean sendResolved();
    }

    /** coin-drawdown: off unless {@code percent} is set. */
    interface CoinDrawdown {
        /** Fire at this drop of a coin from its own high over the window, in percent. Defaults to off. */
        OptionalDouble percent();

        /** The trailing window for the coin's high. Defaults to {@code P7D}. */
        @WithDefault("P7D")
        Duration window();

        /** How long the drop must hold before it alerts. Defaults to {@code PT15M}. */
        @WithName("for")
        @WithDefault("PT15M")
        Duration holdFor();

        /** Escalate every this many further percentage points. Defaults to {@code 5}. */
        @WithDefault("5")
        double escalationStep();

        /** Notify when the episode resolves. Defaults to {@code false}. */
        @WithDefault("false")
        boolean sendResolved();
    }

    /** price-level. */
    interface Levels {
        /**
         * The levels, comma-separated: {@code bitcoin<60000} (falls below), {@code ethereum>5000} (rises
         * above); each coin must be watched. Defaults to none.
         */
        @WithParentName
        Optional<List<String>> specs();

        /** A crossed level re-arms once the price is this many percent back past it. Defaults to {@code 2}. */
        @WithDefault("2")
        double rearmPercent();

        /** Notify when a level re-arms. Defaults to {@code false}. */
        @WithDefault("false")
        boolean sendResolved();
    }

    /** coin-low. */
    interface Low {
        /** How far back {@code lowestSince} must lie to fire (ISO-8601). Defaults to {@code P90D}. */
        @WithDefault("P90D")
        Duration minAge();

        /** Escalate when {@code lowestSince} moves back by at least this much more. Defaults to {@code P30D}. */
        @WithDefault("P30D")
        Duration escalationStep();

        /** Resolve when the price is this many percent above the alerted low. Defaults to {@code 10}. */
        @WithDefault("10")
        double recoveryPercent();

        /** Notify when the episode resolves. Defaults to {@code false}. */
        @WithDefault("false")
        boolean sendResolved();

        /**
         * An episode whose coin has not been at a multi-month low for this long ends quietly, so that
         * the next multi-month low is NEW, with its own up-to-date "lowest since". Defaults to {@code P14D}.
         */
        @WithDefault("P14D")
        Duration staleAfter();

        /**
         * A low within {@code min-age} of one already said, naming a "lowest since" day within the
         * escalation step of it, is news only when it is at least this many percent below that one's
         * price; otherwise it is folded into it. Defaults to {@code 5}.
         */
        @WithDefault("5")
        double newsPercent();
    }

    /** Where the state lives. */
    interface Store {
        /** {@code file} or {@code dynamodb}. Defaults to {@code file}. */
        @WithDefault("file")
        StoreType type();

        File file();

        Dynamodb dynamodb();
    }

    enum StoreType { file, dynamodb }

    interface File {
        /** The state file. Defaults to {@code .sentinel/state.json}. */
        @WithDefault(".sentinel/state.json")
        String path();
    }

    interface Dynamodb {
        /** The table name (partition key {@code pk}, String). Required with {@code store.type=dynamodb}. */
        Optional<String> table();

        /** The item's partition key value, so several deployments can share a table. Defaults to {@code state}. */
        @WithDefault("state")
        String key();

        /** The AWS region. Defaults to the AWS environment's ({@code AWS_REGION} on Lambda). */
        Optional<String> region();

        /** Another endpoint, for DynamoDB Local (e.g. {@code http://127.0.0.1:8000}). Defaults to AWS's. */
        Optional<String> endpoint();
    }

    /** Where notifications go. With no channel configured they are printed to the console (log). */
    interface Notify {
        /** Give up on a notification still undelivered after this long (it becomes a dead letter). Defaults to {@code PT24H}. */
        @WithDefault("PT24H")
        Duration deadLetterAfter();

        /**
         * Attach a chart (PNG) to drawdown and coin-low alerts where the channel takes images (mail,
         * Telegram, Discord). Defaults to {@code true}; the stack turns it off on Lambda, whose Java runtime
         * has no fonts to draw with.
         */
        @WithDefault("true")
        boolean charts();

        /** The time zone of the channels' quiet hours (an IANA zone, e.g. {@code Europe/Berlin}). Defaults to {@code UTC}. */
        @WithDefault("UTC")
        String timezone();

        Slack slack();

        Email email();

        Webhook webhook();

        PagerDuty pagerduty();

        Telegram telegram();

        Discord discord();

        Teams teams();
    }

    /** A Telegram bot. */
    interface Telegram extends Routing {
        /** The bot's token, from BotFather (a secret). Defaults to none: channel off. */
        Optional<String> botToken();

        /** The chat to post in (a user, group or channel id). Required with the token. */
        Optional<String> chatId();

        /** The Bot API's base URL. Defaults to {@code https://api.telegram.org}. */
        @WithDefault("https://api.telegram.org")
        String baseUrl();

        /** One whole request, answer included. Defaults to {@code PT10S}. */
        @WithDefault("PT10S")
        Duration timeout();
    }

    /** A Discord webhook. */
    interface Discord extends Routing {
        /** The webhook's URL (a secret). Defaults to none: channel off. */
        Optional<String> webhookUrl();

        /** One whole post, answer included. Defaults to {@code PT10S}. */
        @WithDefault("PT10S")
        Duration timeout();
    }

    /** A Microsoft Teams Workflows webhook (the Office 365 connectors are retired). */
    interface Teams extends Routing {
        /** The Workflows webhook's URL, with its signature (a secret). Defaults to none: channel off. */
        Optional<String> webhookUrl();

        /** One whole post, answer included. Defaults to {@code PT10S}. */
        @WithDefault("PT10S")
        Duration timeout();
    }

    /** What one channel takes: every channel group has these. */
    interface Routing {
        /** The rules whose notifications go to this channel (a rule name also takes its named windows). Defaults to all. */
        Optional<List<String>> rules();

        /** Whether this channel gets resolved notices. Defaults to what each rule's send-resolved says. */
        Optional<Boolean> sendResolved();

        /**
         * Quiet hours in {@code sentinel.notify.timezone}, e.g. {@code 22:00-07:00} (across midnight allowed):
         * what this channel gets waits, and goes as one message when they end. Defaults to none.
         */
        Optional<String> quietHours();
    }

    interface Slack extends Routing {
        /** Slack incoming-webhook URL (a secret). Defaults to none: channel off. */
        Optional<String> webhookUrl();

        /** Connect and response timeout of one post. Defaults to {@code PT10S}. */
        @WithDefault("PT10S")
        Duration timeout();
    }

    /** Your own endpoint, signed as Standard Webhooks say. */
    interface Webhook extends Routing {
        /** The endpoint's URL (a secret). Defaults to none: channel off. */
        Optional<String> url();

        /** The signing secret, {@code whsec_} and base64 (a secret). Required with {@code url}. */
        Optional<String> secret();

        /** One whole post, answer included. Defaults to {@code PT10S}. */
        @WithDefault("PT10S")
        Duration timeout();
    }

    /** PagerDuty's Events API v2. */
    interface PagerDuty {
        /** The integration's routing key (a secret). Defaults to none: channel off. */
        Optional<String> routingKey();

        /** The enqueue URL. Defaults to {@code https://events.pagerduty.com/v2/enqueue}. */
        @WithDefault("https://events.pagerduty.com/v2/enqueue")
        String url();

        /** One whole request, answer included. Defaults to {@code PT10S}. */
        @WithDefault("PT10S")
        Duration timeout();

        /** The rules that page (a rule name also takes its named windows). Defaults to all. */
        Optional<List<String>> rules();

        /** Whether a resolved episode resolves the incident. Defaults to {@code true}: incidents close themselves. */
        @WithDefault("true")
        boolean sendResolved();
    }

    interface Email extends Routing {
        /** Recipients, comma-separated. Defaults to none: channel off. */
        Optional<List<String>> to();

        /** Sender address. Required when the channel is on. */
        Optional<String> from();

        Smtp smtp();
    }

    /** The SMTP server that sends the mail (Amazon SES's SMTP interface, or any mail server). */
    interface Smtp {
        /** Host name. Required when the channel is on. */
        Optional<String> host();

        /** Port. Defaults to 587 with {@code starttls}, 465 with {@code tls}, 25 with {@code none}. */
        OptionalInt port();

        /** User name for SMTP AUTH. Defaults to none: no authentication. */
        Optional<String> username();

        /** Password for SMTP AUTH (a secret). */
        Optional<String> password();

        /**
         * {@code starttls}: upgrade to TLS and refuse a server that cannot; {@code tls}: TLS from the
         * first byte; {@code none}: no encryption (a mail relay on the same host, tests). Defaults to {@code starttls}.
         */
        @WithDefault("starttls")
        SmtpSecurity security();

        /** Connect, read and write timeout of one conversation with the server. Defaults to {@code PT10S}. */
        @WithDefault("PT10S")
        Duration timeout();
    }

    /**
     * SMTP transport security as configured ({@code starttls}, {@code tls}, {@code none}); the mail
     * channel's own {@code SmtpSecurity} knows each mode's port and what it means on the wire.
     */
    enum SmtpSecurity { STARTTLS, TLS, NONE }

    /** The HTTP trigger. */
    interface Trigger {
        /** Bearer token for the HTTP trigger (a secret). Defaults to none: the trigger refuses all. */
        Optional<String> token();

        /** Least time between two manual checks (protects the CoinGecko quota). Defaults to {@code PT1M}. */
        @WithDefault("PT1M")
        Duration minInterval();
    }
}
