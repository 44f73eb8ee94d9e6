package io.marketsentinel.rules;

import io.marketsentinel.history.CoinHistory;
import io.marketsentinel.history.History;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * price-level: a watched coin's price crossing a level the user set ({@code bitcoin<60000}: falling
 * below; {@code ethereum>5000}: rising above). A crossing notifies once ("Bitcoin fell below $60,000
 * (now $59,412.10)"); it re-arms only when the price has gone back past the level by the re-arm
 * margin, so a price hovering at the level does not storm. A price held by the guard never crosses.
 */
public final class PriceLevelRule implements Rule {

    public static final String NAME = "price-level";

    private static final Pattern SPEC = Pattern.compile("([a-z0-9][a-z0-9-]*)\\s*([<>])\\s*([0-9]+(?:\\.[0-9]+)?)");

    /** One level: the coin, the direction of the crossing, and the level in USD. */
    public record Level(String coin, boolean below, double usd) {

        /**
         * Reads {@code bitcoin<60000} or {@code ethereum>5000}.
         *
         * @throws IllegalArgumentException saying what is wrong with the entry
         */
        public static Level parse(String spec) {
            Matcher m = SPEC.matcher(spec.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + spec + "' is not a level: write coin<price or coin>price, "
                        + "e.g. bitcoin<60000");
            }
            double usd = Double.parseDouble(m.group(3));
            if (!(usd > 0)) {
                throw new IllegalArgumentException("'" + spec + "' is not a level: the price must be above 0");
            }
            return new Level(m.group(1), m.group(2).equals("<"), usd);
        }

        /** The episode's subject: the coin and the level, so that two levels of one coin are two episodes. */
        String subject() {
            return coin + (below ? "<" : ">") + plain(usd);
        }
    }

    /**
     * @param levels       the levels to watch
     * @param rearmPercent how far back past the level, in percent of it, the price must go to re-arm
     * @param sendResolved whether re-arming is notified
     */
    public record Settings(List<Level> levels, double rearmPercent, boolean sendResolved) {
        public Settings {
            levels = List.copyOf(levels);
        }
    }

    private final Settings settings;

    public PriceLevelRule(Settings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** A crossing is a fact at once; the guard has already held back a doubtful price. */
    @Override
    public Duration holdFor() {
        return Duration.ZERO;
    }

    @Override
    public boolean sendResolved() {
        return settings.sendResolved();
    }

    @Override
    public List<Finding> evaluate(History history, Instant now) {
        List<Finding> findings = new ArrayList<>();
        for (Level level : settings.levels()) {
            CoinHistory series = history.coin(level.coin());
            Optional<Double> price = series.settledPrice();
            if (price.isEmpty()) {
                continue;
            }
            findings.add(finding(level, price.get(), series.latestTime().orElseThrow()));
        }
        return findings;
    }

    private Finding finding(Level level, double price, Instant at) {
        boolean crossed = level.below() ? price < level.usd() : price > level.usd();
        // The magnitude is how far past the level the price is, in percent of it (negative: not past it).
        double past = (level.below() ? level.usd() - price : price - level.usd()) / level.usd() * 100;
        return Finding.worded(NAME, level.subject(), crossed, past, Finding.Measure.PERCENT_PAST_LEVEL, price,
                () -> wording(level, price, at, crossed));
    }

    /** The words of a finding, drawn only when read (most findings of a replay never are). */
    private Finding.Wording wording(Level level, double price, Instant at, boolean crossed) {
        String name = Format.coinName(level.coin());
        String headline = String.format(Locale.ROOT, "%s %s %s (now %s)", name, level.below() ? "fell below" : "rose above",
                Format.usd(level.usd()).replace(".00", ""), Format.usd(price));
        String text = String.format(Locale.ROOT, "%s is at %s (%s), %s the level of %s you set.", name, Format.usd(price),
                Format.time(at), crossed ? (level.below() ? "below" : "above") : (level.below() ? "back above" : "back below"),
                Format.usd(level.usd()));
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put(Fact.COIN.key(), level.coin());
        facts.put(Fact.PRICE.key(), Format.usd(price));
        facts.put(Fact.AT.key(), Format.time(at));
        facts.put(Fact.THRESHOLD.key(), (level.below() ? "below " : "above ") + Format.usd(level.usd())
                + ", re-armed " + Format.percent(settings.rearmPercent()) + " back");
        return new Finding.Wording(headline, text, facts);
    }

    /** A crossing is said once: there is no worse level of it. */
    @Override
    public boolean escalates(Finding current, Finding alerted) {
        return false;
    }

    /** Re-armed once the price is back past the level by the margin. */
    @Override
    public boolean recovered(Finding current, Finding alerted) {
        return current.magnitude() <= -settings.rearmPercent();
    }

    private static String plain(double usd) {
        return usd == Math.rint(usd) ? Long.toString((long) usd) : Double.toString(usd);
    }
}
