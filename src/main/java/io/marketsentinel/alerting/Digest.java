package io.marketsentinel.alerting;

import io.marketsentinel.history.CoinHistory;
import io.marketsentinel.history.History;
import io.marketsentinel.history.Reading;
import io.marketsentinel.history.SuspectReading;
import io.marketsentinel.rules.Format;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The daily digest ({@code sentinel.digest.at}): one summary a day through the outbox, made by the first run
 * at or after that time — also when runs were missed before it — and only by that one (the state keeps the
 * day of the last one, saved with the outbox in the same conditional save). It says what a dashboard would:
 * the market and its drawdown against the threshold, each coin and the price that would be a multi-month
 * low, the open alerts, the silences, and what is owed. It costs no CoinGecko call: it reads the history.
 */
public final class Digest {

    /**
     * @param at             when it is due each day, in {@code zone}
     * @param channels       where it goes (empty: every configured channel)
     * @param drawdownWindow the drawdown rule's window and threshold, to measure the market against
     * @param lowMinAge      the coin-low rule's age, to say which price would be a multi-month low
     */
    public record Settings(LocalTime at, ZoneId zone, Optional<List<String>> channels, Duration drawdownWindow,
                           double drawdownPercent, Duration lowMinAge) {
    }

    /** The digest's rule name, in its notifications and their ids. */
    public static final String RULE = "digest";

    /** A day of a flapping source could be dozens: the digest names the newest few and counts the rest. */
    private static final int SUSPECTS_SHOWN = 5;

    private Digest() {
    }

    /** The day whose digest is due at {@code now}, unless it was made already ({@code lastDay}). */
    public static Optional<LocalDate> due(Settings settings, Instant now, LocalDate lastDay) {
        ZonedDateTime local = now.atZone(settings.zone());
        LocalDate today = local.toLocalDate();
        if (local.toLocalTime().isBefore(settings.at()) || (lastDay != null && !lastDay.isBefore(today))) {
            return Optional.empty();
        }
        return Optional.of(today);
    }

    /** The digest of {@code day} from {@code state} (after this run's readings), to {@code channels}. */
    public static Notification make(Settings settings, LocalDate day, Instant now, SentinelState state,
                                    Collection<String> channels) {
        History history = state.history();
        Map<String, String> facts = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>();
        String headline = "Daily digest " + day;
        Optional<Reading> latest = history.market().latest();
        if (latest.isPresent()) {
            double total = latest.get().value();
            String day1 = change(history, now.minus(Duration.ofDays(1)), total);
            String week = change(history, now.minus(Duration.ofDays(7)), total);
            Reading high = history.market().highestSince(now.minus(settings.drawdownWindow())).orElse(latest.get());
            double below = (high.value() - total) / high.value() * 100;
            String label = Format.windowLabel(settings.drawdownWindow());
            headline += ": crypto market " + Format.usd(total) + " (" + day1 + " 24 h, " + week + " 7 d)";
            facts.put("Total market cap", Format.usd(total) + " (" + Format.time(latest.get().time()) + ")");
            facts.put("Change 24 h / 7 d", day1 + " / " + week);
            facts.put("From the " + label + " high", Format.percent(below) + " below " + Format.usd(high.value())
                    + " (alerts at " + Format.percent(settings.drawdownPercent()) + ")");
            lines.add(String.format(java.util.Locale.ROOT, "Total market cap %s: %s in 24 h, %s in 7 d; %s below its %s high of %s (alerts at %s).",
                    Format.usd(total), day1, week, Format.percent(below), label, Format.usd(high.value()),
                    Format.percent(settings.drawdownPercent())));
        }
        history.coins().forEach((coin, series) -> coinLine(settings, coin, series, day, facts, lines));
        List<String> open = state.episodes().stream().filter(e -> e.firing() && !e.ended())
                .map(e -> e.key() + " since " + Format.time(e.firingSince())).toList();
        facts.put("Open alerts", open.isEmpty() ? "none" : String.join("; ", open));
        List<String> silences = state.silences().active(now).stream()
                .map(s -> s.id() + " " + s.rule() + (s.subject() == null ? "" : " " + s.subject()) + " until "
                        + Format.time(s.endsAt())).toList();
        facts.put("Silences", silences.isEmpty() ? "none" : String.join("; ", silences));
        facts.put("Suspect readings, 24 h", suspects(state.recentSuspects()));
        long owed = state.outbox().pending().size();
        facts.put("Owed / dead letters", owed + " / " + state.outbox().deadLetters().size());
        lines.add("Suspect readings in the last 24 h: " + facts.get("Suspect readings, 24 h") + ".");
        lines.add("Open alerts: " + facts.get("Open alerts") + ". Silences: " + facts.get("Silences")
                + ". Notifications owed: " + owed + ", dead letters: " + state.outbox().deadLetters().size() + ".");
        Map<String, ChannelDelivery> to = new LinkedHashMap<>();
        channels.forEach(c -> to.put(c, ChannelDelivery.pending()));
        return new Notification(RULE + "/" + day, now, RULE, null, DecisionKind.NEW, headline, String.join(" ", lines),
                facts, to);
    }

    /** Each doubted reading once, as it ended (a held one may since be confirmed or discarded), the newest first. */
    static String suspects(List<SuspectReading> recent) {
        Map<String, SuspectReading> last = new LinkedHashMap<>();
        for (SuspectReading s : recent) {
            last.remove(s.subject() + "@" + s.time());
            last.put(s.subject() + "@" + s.time(), s);
        }
        if (last.isEmpty()) {
            return "none";
        }
        List<String> shown = new ArrayList<>();
        List<SuspectReading> newestFirst = new ArrayList<>(last.values());
        Collections.reverse(newestFirst);
        for (SuspectReading s : newestFirst.subList(0, Math.min(SUSPECTS_SHOWN, newestFirst.size()))) {
            shown.add((s.subject() == null ? "total market cap" : s.subject()) + " " + Format.usd(s.value()) + " at "
                    + Format.time(s.time()) + " " + s.status().name().toLowerCase(Locale.ROOT)
                    + " (" + s.reason() + ")");
        }
        return last.size() + ": " + String.join("; ", shown)
                + (last.size() > SUSPECTS_SHOWN ? "; and " + (last.size() - SUSPECTS_SHOWN) + " more" : "");
    }

    private static void coinLine(Settings settings, String coin, CoinHistory series, LocalDate day, Map<String, String> facts,
                                 List<String> lines) {
        Optional<Double> price = series.latestPrice();
        if (price.isEmpty()) {
            return;
        }
        String name = Format.coinName(coin);
        StringBuilder line = new StringBuilder(name + " " + Format.usd(price.get()));
        series.lowOn(day.minusDays(1)).ifPresent(yesterday -> line.append(" (")
                .append(Format.signedPercent((price.get() - yesterday) / yesterday * 100)).append(" since yesterday's low)"));
        long days = settings.lowMinAge().toDays();
        // Below the lowest daily low of the last minAge days, the coin-low rule would speak.
        Double floor = null;
        for (Map.Entry<LocalDate, Double> d : series.dailyLows().subMap(day.minusDays(days), true, day, false).entrySet()) {
            floor = floor == null || d.getValue() < floor ? d.getValue() : floor;
        }
        if (floor != null) {
            line.append("; below ").append(Format.usd(floor)).append(" it would be its lowest in ").append(days).append(" days");
        }
        facts.put(name, line.substring(name.length() + 1));
        lines.add(line + ".");
    }

    private static String change(History history, Instant since, double now) {
        List<Reading> from = history.market().since(since);
        return from.isEmpty() ? "n/a" : Format.signedPercent((now - from.get(0).value()) / from.get(0).value() * 100);
    }
}
