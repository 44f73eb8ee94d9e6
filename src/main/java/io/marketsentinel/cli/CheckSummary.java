package io.marketsentinel.cli;

import io.marketsentinel.alerting.Notification;
import io.marketsentinel.check.CheckReport;
import io.marketsentinel.history.SuspectReading;
import io.marketsentinel.market.MarketSnapshot;
import io.marketsentinel.notify.DeliveryAttempt;
import io.marketsentinel.rules.Finding;
import io.marketsentinel.rules.Format;

import java.util.Locale;
import java.util.Map;

/**
 * A check's report in a few lines for a terminal: what was read, what each rule found, what was notified
 * and how each send went. {@code --format json} prints the whole report instead.
 */
final class CheckSummary {

    private CheckSummary() {
    }

    static String text(CheckReport report) {
        StringBuilder out = new StringBuilder();
        out.append(report.outcome()).append(": ").append(report.message()).append('\n');
        MarketSnapshot snapshot = report.snapshot();
        if (snapshot != null) {
            out.append("read:      total market cap ").append(Format.usd(snapshot.totalMarketCapUsd()))
                    .append(" (CoinGecko, ").append(Format.time(snapshot.marketUpdatedAt())).append(')');
            snapshot.coins().forEach((coin, quote) -> out.append("; ").append(Format.coinName(coin)).append(' ')
                    .append(Format.usd(quote.priceUsd())));
            out.append(String.format(Locale.ROOT, " [%d CoinGecko call%s]%n", report.apiCallCount(),
                    report.apiCallCount() == 1 ? "" : "s"));
        }
        if (report.bootstrapped() != null && !report.bootstrapped().isEmpty()) {
            out.append("bootstrap: ");
            report.bootstrapped().forEach((coin, days) -> out.append(coin).append(' ').append(days).append(" days "));
            out.append('\n');
        }
        for (Finding f : report.findings()) {
            out.append(String.format(Locale.ROOT, "rule:      %-24s %-8s %s%n", f.key(), f.breached() ? "BREACHED" : "ok",
                    f.headline()));
        }
        for (SuspectReading s : report.suspects()) {
            out.append(String.format(Locale.ROOT, "suspect:   %-24s %-9s %s%n", s.subject() == null ? "total market cap"
                    : s.subject(), s.status(), s.reason()));
        }
        for (Notification n : report.notifications()) {
            out.append(String.format(Locale.ROOT, "notified:  %-9s %s%n", n.kind(), n.headline()));
        }
        for (DeliveryAttempt a : report.deliveries()) {
            out.append(String.format(Locale.ROOT, "sent:      %-9s %-11s %s%s%n", a.channel(), a.outcome(), a.detail(),
                    a.chart() == null ? "" : "; chart " + a.chart()));
        }
        Map<String, Integer> pending = report.pendingPerChannel();
        if (pending != null && pending.values().stream().anyMatch(count -> count > 0)) {
            out.append("owed:      ");
            pending.forEach((channel, count) -> out.append(channel).append(' ').append(count).append("  "));
            out.append('\n');
        }
        if (report.deadLetters() != null && !report.deadLetters().isEmpty()) {
            out.append("dead letters: ").append(report.deadLetters().size()).append(" (status lists them)\n");
        }
        return out.toString();
    }
}
