package io.marketsentinel.rules;

import io.marketsentinel.history.History;
import io.marketsentinel.history.Reading;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * market-drawdown: the total market cap against the highest value recorded in the trailing window.
 * Fires when the drop from that high, to one decimal, reaches a percentage (or an optional USD amount), escalates at
 * each further step of percentage points, and recovers when the drop is back below a fraction of
 * the threshold (hysteresis, so a market hovering at the threshold does not flap).
 */
public final class MarketDrawdownRule implements Rule {

    public static final String NAME = "market-drawdown";

    /** Guards floor() against 19.999999 when the drop is exactly on a step. */
    private static final double EPSILON = 1e-9;

    private final String name;
    private final Settings settings;

    /**
     * @param window         how far back the high is looked for
     * @param percent        the drop from the high, in percent, that fires
     * @param usd            an optional drop in USD that also fires
     * @param holdFor     how long the drop must hold before it alerts
     * @param escalationStep percentage points per escalation
     * @param resolveRatio   the episode ends when the drop is below {@code percent * resolveRatio}
     * @param sendResolved   whether the end of an episode is notified
     */
    public record Settings(Duration window, double percent, OptionalDouble usd, Duration holdFor,
                           double escalationStep, double resolveRatio, boolean sendResolved) {
        public Settings {
            Objects.requireNonNull(window, "window");
            Objects.requireNonNull(usd, "usd");
            Objects.requireNonNull(holdFor, "holdFor");
        }

        /** How much run-resolution market history the rule needs kept: its window plus a day of margin. */
        public Duration retention() {
            return window.plus(Duration.ofDays(1));
        }
    }

    /** The default window: {@code market-drawdown}. */
    public MarketDrawdownRule(Settings settings) {
        this(NAME, settings);
    }

    private MarketDrawdownRule(String name, Settings settings) {
        this.name = name;
        this.settings = settings;
    }

    /** A further window by name ({@code sentinel.rules.drawdowns.<name>.*}): the rule {@code market-drawdown:<name>}, with its own episodes. */
    public static MarketDrawdownRule named(String windowName, Settings settings) {
        return new MarketDrawdownRule(NAME + ":" + windowName, settings);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Duration holdFor() {
        return settings.holdFor();
    }

    @Override
    public boolean sendResolved() {
        return settings.sendResolved();
    }

    @Override
    public List<Finding> evaluate(History history, Instant now) {
        if (history.market().held().isPresent()) {
            // The latest reading is held by the guard: a doubtful reading neither fires nor confirms.
            return List.of();
        }
        Instant from = now.minus(settings.window());
        List<Reading> window = history.market().since(from);
        if (window.isEmpty()) {
            return List.of();
        }
        Reading current = window.get(window.size() - 1);
        Reading start = window.get(0);
        // The earliest of the window's highest readings, looked up rather than scanned for (a replay asks every row).
        Reading high = history.market().highestSince(from).orElseThrow();
        double drop = high.value() - current.value();
        double dropPercent = drop / high.value() * 100;
        boolean breached = shown(dropPercent) >= settings.percent() - EPSILON
                || (settings.usd().isPresent() && drop >= settings.usd().getAsDouble());
        Duration covered = Duration.between(start.time(), current.time());
        boolean fullWindow = covered.compareTo(settings.window().minus(Duration.ofHours(1))) >= 0;
        return List.of(Finding.worded(name, null, breached, dropPercent, Finding.Measure.PERCENT_BELOW_HIGH, current.value(),
                () -> wording(current, high, start, covered, fullWindow)));
    }

    /** The words of a finding, drawn only when read (most findings of a replay never are). */
    private Finding.Wording wording(Reading current, Reading high, Reading start, Duration covered, boolean fullWindow) {
        double drop = high.value() - current.value();
        double dropPercent = drop / high.value() * 100;
        double sinceStart = current.value() - start.value();
        double sinceStartPercent = sinceStart / start.value() * 100;
        String label = Format.windowLabel(settings.window());
        String headline = drop > 0
                ? String.format(Locale.ROOT, "Crypto market down %s (%s) from its %s high",
                        Format.usd(drop), Format.signedPercent(-dropPercent), label)
                : String.format(Locale.ROOT, "Crypto market at its %s high", label);
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put(Fact.TOTAL_MARKET_CAP.key(), Format.usd(current.value()));
        facts.put(Fact.AT.key(), Format.time(current.time()));
        facts.put(Fact.DROP.key(), Format.usd(drop));
        facts.put(Fact.DROP_PERCENT.key(), Format.percent(dropPercent));
        facts.put(Fact.WINDOW_HIGH.key(), Format.usd(high.value()));
        facts.put(Fact.WINDOW_HIGH_AT.key(), Format.time(high.time()));
        facts.put(Fact.WINDOW_START.key(), Format.usd(start.value()));
        facts.put(Fact.WINDOW_START_AT.key(), Format.time(start.time()));
        facts.put(Fact.CHANGE_SINCE_WINDOW_START.key(), Format.signedUsd(sinceStart) + " (" + Format.signedPercent(sinceStartPercent) + ")");
        facts.put(Fact.THRESHOLD.key(), thresholdText());
        facts.put(Fact.HISTORY_USED.key(), Format.span(covered) + " of " + Format.span(settings.window()));

        StringBuilder text = new StringBuilder()
                .append(String.format(Locale.ROOT, "Total crypto market cap is %s at %s, %s (%s) below its %s high of %s at %s. ",
                        Format.usd(current.value()), Format.time(current.time()),
                        Format.usd(drop), Format.percent(dropPercent), label,
                        Format.usd(high.value()), Format.time(high.time())))
                .append(String.format(Locale.ROOT, "Change since the window's start (%s): %s (%s).",
                        Format.time(start.time()), Format.signedUsd(sinceStart), Format.signedPercent(sinceStartPercent)));
        if (!fullWindow) {
            text.append(String.format(Locale.ROOT, " Based on %s of history; the window is %s.",
                    Format.span(covered), Format.span(settings.window())));
        }
        return new Finding.Wording(headline, text.toString(), facts);
    }

    @Override
    public boolean escalates(Finding current, Finding alerted) {
        return level(current.magnitude()) > level(alerted.magnitude());
    }

    @Override
    public boolean recovered(Finding current, Finding alerted) {
        return current.magnitude() < settings.percent() * settings.resolveRatio();
    }

    /** 0 at the threshold, 1 one step beyond it (20 % with the defaults), and so on. */
    int level(double dropPercent) {
        return level(dropPercent, settings.percent(), settings.escalationStep());
    }

    /** A drop's escalation level against a threshold and a step, as shown (to one decimal): for every drawdown rule. */
    static int level(double dropPercent, double threshold, double step) {
        double shown = shown(dropPercent);
        if (shown < threshold - EPSILON) {
            return 0;
        }
        return (int) Math.floor((shown - threshold) / step + EPSILON);
    }

    /**
     * The drop as the message shows it, to one decimal. Thresholds are compared with this, so that
     * a message never says "down 15.0%" while a 15 % threshold stays silent ($3,014.7B to $2,562.5B
     * is a 14.9998 % drop).
     */
    static double shown(double percent) {
        return Math.round(percent * 10) / 10.0;
    }

    private String thresholdText() {
        String text = Format.percent(settings.percent()) + " from the " + Format.windowLabel(settings.window()) + " high";
        if (settings.usd().isPresent()) {
            text += " or " + Format.usd(settings.usd().getAsDouble());
        }
        return text + ", held for " + Format.span(settings.holdFor());
    }
}
