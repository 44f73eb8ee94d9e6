package io.marketsentinel.alerting;

import io.marketsentinel.history.CoinHistory;
import io.marketsentinel.history.History;
import io.marketsentinel.history.MarketHistory;
import io.marketsentinel.rules.CoinLowRule;
import io.marketsentinel.testing.DefaultSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A coin-low episode does not go stale: a fresh multi-month low is news, a grinding decline is one episode. */
class CoinLowLifecycleTest {

    private static final LocalDate START = LocalDate.parse("2025-01-01");

    private final Evaluator evaluator = new Evaluator(List.of(new CoinLowRule(DefaultSettings.low(List.of("bitcoin")))),
            Optional.empty());
    private final AlertLedger ledger = AlertLedger.empty();
    private final List<Decision> decisions = new ArrayList<>();
    private History history;
    private LocalDate day;

    /** A year of daily prices from {@code start} given by {@code price(dayIndex)}. */
    private void year(java.util.function.IntToDoubleFunction price) {
        Map<LocalDate, Double> lows = new LinkedHashMap<>();
        for (int i = 0; i < 365; i++) {
            lows.put(START.plusDays(i), price.applyAsDouble(i));
        }
        history = History.of(MarketHistory.empty(), Map.of("bitcoin", CoinHistory.of(lows, null, null)));
        day = START.plusDays(364);
    }

    private void nextDay(double price) {
        day = day.plusDays(1);
        Instant at = day.atTime(12, 0).toInstant(ZoneOffset.UTC);
        history = history.record(at, null, Map.of("bitcoin", price), Duration.ofDays(8),
                DefaultSettings.permissiveGuard()).history();
        decisions.addAll(evaluator.evaluate(history, ledger, at, List.of("slack")).decisions());
    }

    private List<Decision> notified() {
        return decisions.stream().filter(d -> d.notification().isPresent()).toList();
    }

    @Test
    void aLowAfterTwoQuietWeeksThatRestatesTheLastOneIsFoldedAndARealNewLowIsNew() {
        // $100k all year but a dip to $70k on day 50.
        year(i -> i == 50 ? 70_000 : 100_000);
        nextDay(79_000);
        assertThat(notified()).extracting(Decision::kind).containsExactly(DecisionKind.NEW);

        // A bounce that is not a 10 % recovery, for two weeks: the episode ends quietly.
        for (int i = 0; i < 14; i++) {
            nextDay(85_000);
        }
        assertThat(decisions.get(decisions.size() - 1).kind()).isEqualTo(DecisionKind.RESOLVED);
        assertThat(notified()).hasSize(1);
        assertThat(ledger.episodes().values()).noneMatch(Episode::firing);

        // The same "lowest since" day at 1.3 % below the last one said: not news, folded into it.
        nextDay(78_000);
        assertThat(notified()).hasSize(1);
        Decision folded = decisions.get(decisions.size() - 1);
        assertThat(folded.kind()).isEqualTo(DecisionKind.FOLDED);
        assertThat(folded.foldedInto()).isEqualTo(notified().get(0).notification().orElseThrow().id());

        // Two more quiet weeks, then a low 6.3 % below the one said: news, a NEW of its own.
        for (int i = 0; i < 14; i++) {
            nextDay(85_000);
        }
        nextDay(74_000);
        assertThat(notified()).extracting(Decision::kind).containsExactly(DecisionKind.NEW, DecisionKind.NEW);
        assertThat(notified().get(1).notification().orElseThrow().facts())
                .containsEntry("lowestSince", START.plusDays(50).toString());
    }

    @Test
    void aLowReachingMuchFurtherBackIsNewsThoughItsPriceIsClose() {
        // $100k all year but $70k on day 50 and $76k on day 200: a first low at $77k names day 200.
        year(i -> i == 50 ? 70_000 : i == 200 ? 76_000 : 100_000);
        nextDay(77_000);
        assertThat(notified().get(0).notification().orElseThrow().facts()).containsEntry("lowestSince",
                START.plusDays(200).toString());
        for (int i = 0; i < 14; i++) {
            nextDay(85_000);
        }
        // 1.4 % lower only, but reaching back to day 50, 150 days further: news.
        nextDay(75_900);
        assertThat(notified()).extracting(Decision::kind).containsExactly(DecisionKind.NEW, DecisionKind.NEW);
    }

    @Test
    void aLowAfterTheMemoryHasLapsedIsNewsAgain() {
        year(i -> i == 50 ? 70_000 : 100_000);
        nextDay(79_000);
        // Past min-age (90 days) of quiet: what was said is forgotten.
        for (int i = 0; i < 95; i++) {
            nextDay(95_000);
        }
        nextDay(78_500);
        assertThat(notified()).extracting(Decision::kind).containsExactly(DecisionKind.NEW, DecisionKind.NEW);
    }

    @Test
    void aGrindingDeclineEscalatesRatherThanReopening() {
        // A year-long rise from $50k to $100k, then sixty days of falling back through it.
        year(i -> 50_000 + 50_000 * i / 364.0);
        double price = 80_000;
        for (int i = 0; i < 60; i++) {
            nextDay(price);
            price -= 400;
        }
        List<DecisionKind> kinds = notified().stream().map(Decision::kind).toList();
        assertThat(kinds).first().isEqualTo(DecisionKind.NEW);
        assertThat(kinds.subList(1, kinds.size())).isNotEmpty().containsOnly(DecisionKind.ESCALATED);
    }

    @Test
    void aBounceOfAFewDaysDoesNotEndTheEpisode() {
        year(i -> i == 50 ? 70_000 : 100_000);
        nextDay(79_000);
        for (int i = 0; i < 5; i++) {
            nextDay(85_000);
        }
        assertThat(ledger.episodes()).containsKey("coin-low:bitcoin");
        nextDay(78_500);
        assertThat(notified()).extracting(Decision::kind).containsExactly(DecisionKind.NEW);
    }
}
