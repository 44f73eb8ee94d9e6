package io.marketsentinel.rules;

import io.marketsentinel.history.CoinHistory;
import io.marketsentinel.history.History;
import io.marketsentinel.history.Reading;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * coin-drawdown: each watched coin's price against its own high over a trailing window ("Ethereum down
 * 22.0% from its 7-day high of $3,912.40"). The high is the highest hourly high kept for the coin, so
 * it is exact to the reading; a price held by the guard neither fires nor confirms. Escalates at each
 * further step, resolves below a fraction of the threshold, as the market drawdown does.
 */
public final class CoinDrawdownRule implements Rule {

    public static final String NAME = "coin-drawdown";

    private final Settings settings;

    /**
     * @param coins          the watched coins
     * @param window         how far back the coin's high is looked for
     * @param percent        the drop from the high, in percent, that fires
     * @param holdFor        how long the drop must hold before it alerts
     * @param escalationStep percentage points per escalation
     * @param resolveRatio   the episode ends when the drop is below {@code percent * resolveRatio}
     * @param sendResolved   whether the end of an episode is notified
     */
    public record Settings(List<String> coins, Duration window, double percent, Duration holdFor, double escalationStep,
                           double resolveRatio, boolean sendResolved) {
        public Settings {
            coins = List.copyOf(coins);
            Objects.requireNonNull(window, "window");
            Objects.requireNonNull(holdFor, "holdFor");
        }

        /** How long each coin's hourly highs are kept: the window and the hour it starts in. */
        public Duration retention() {
            return window.plus(Duration.ofHours(1));
        }
    }

    public CoinDrawdownRule(Settings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return NAME;
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
        List<Finding> findings = new ArrayList<>();
        for (String coin : settings.coins()) {
            CoinHistory series = history.coin(coin);
            Optional<Double> price = series.settledPrice();
            if (price.isEmpty()) {
                continue;
            }
            series.highSince(now.minus(settings.window()))
                    .ifPresent(high -> findings.add(finding(coin, price.get(), series.latestTime().orElseThrow(), high)));
        }
        return findings;
    }

    private Finding finding(String coin, double price, Instant at, Reading high) {
        double dropPercent = Math.max(0, (high.value() - price) / high.value() * 100);
        boolean breached = MarketDrawdownRule.shown(dropPercent) >= settings.percent() - 1e-9;
        return Finding.worded(NAME, coin, breached, dropPercent, Finding.Measure.PERCENT_BELOW_HIGH, price,
                () -> wording(coin, price, at, high, dropPercent));
    }

    /** The words of a finding, drawn only when read (most findings of a replay never are). */
    private Finding.Wording wording(String coin, double price, Instant at, Reading high, double dropPercent) {
        String name = Format.coinName(coin);
        String label = Format.windowLabel(settings.window());
        String headline = dropPercent > 0
                ? String.format(Locale.ROOT, "%s down %s from its %s high of %s", name, Format.percent(dropPercent),
                        label, Format.usd(high.value()))
                : String.format(Locale.ROOT, "%s at its %s high", name, label);
        String text = String.format(Locale.ROOT, "%s is at %s (%s), %s below its %s high of %s (the hour of %s).",
                name, Format.usd(price), Format.time(at), Format.percent(dropPercent), label, Format.usd(high.value()),
                Format.time(high.time()));
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put(Fact.COIN.key(), coin);
        facts.put(Fact.PRICE.key(), Format.usd(price));
        facts.put(Fact.AT.key(), Format.time(at));
        facts.put(Fact.DROP_PERCENT.key(), Format.percent(dropPercent));
        facts.put(Fact.WINDOW_HIGH.key(), Format.usd(high.value()));
        facts.put(Fact.WINDOW_HIGH_AT.key(), Format.time(high.time()));
        facts.put(Fact.THRESHOLD.key(), Format.percent(settings.percent()) + " from the " + label + " high, held for "
                + Format.span(settings.holdFor()));
        return new Finding.Wording(headline, text, facts);
    }

    @Override
    public boolean escalates(Finding current, Finding alerted) {
        return level(current.magnitude()) > level(alerted.magnitude());
    }

    @Override
    public boolean recovered(Finding current, Finding alerted) {
        return current.magnitude() < settings.percent() * settings.resolveRatio();
    }

    private int level(double dropPercent) {
        return MarketDrawdownRule.level(dropPercent, settings.percent(), settings.escalationStep());
    }
}
