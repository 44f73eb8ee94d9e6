package io.marketsentinel.history;

import io.marketsentinel.alerting.AlertLedger;
import io.marketsentinel.alerting.DecisionKind;
import io.marketsentinel.alerting.Evaluator;
import io.marketsentinel.alerting.Notification;
import io.marketsentinel.rules.CoinLowRule;
import io.marketsentinel.rules.MarketDrawdownRule;
import io.marketsentinel.testing.DefaultSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The history, the rules and the ledger with the guard at its defaults, as a check runs them:
 * what is alerted and what is stored, for each shape of bad reading and each real move.
 */
class GuardedHistoryTest {

    private static final Instant T0 = Instant.parse("2026-01-20T00:00:00Z");
    private static final Duration RETENTION = Duration.ofDays(8);

    private final ReadingGuard guard = DefaultSettings.guard();
    private final Evaluator evaluator = new Evaluator(List.of(new MarketDrawdownRule(DefaultSettings.drawdown()),
            new CoinLowRule(DefaultSettings.low(List.of("bitcoin")))), java.util.Optional.empty());
    private final AlertLedger ledger = AlertLedger.empty();
    private final List<Notification> sent = new ArrayList<>();
    private final List<SuspectReading> suspects = new ArrayList<>();
    private History history;
    private Instant now = T0;

    /** A year of daily bitcoin at $90,000 with one real low of $60,000 two hundred days back, and a flat week of totals. */
    private void steadyMarket() {
        Map<LocalDate, Double> days = new LinkedHashMap<>();
        LocalDate today = CoinHistory.dayOf(T0);
        for (int i = 365; i >= 1; i--) {
            days.put(today.minusDays(i), i == 200 ? 60_000.0 : 90_000.0);
        }
        history = History.of(MarketHistory.empty(), Map.of("bitcoin", CoinHistory.of(days, null, null)));
        for (int i = 0; i < 7 * 24; i++) {
            check(Duration.ofHours(1), 3000, 90_000);
        }
        sent.clear();
        suspects.clear();
    }

    private void check(Duration step, double totalBillions, double btc) {
        now = now.plus(step);
        History.Recorded recorded = history.record(now, totalBillions * 1e9, Map.of("bitcoin", btc), RETENTION, guard);
        history = recorded.history();
        suspects.addAll(recorded.suspects());
        sent.addAll(evaluator.evaluate(history, ledger, now, List.of("slack")).notifications());
    }

    @Test
    void aSpikeToTwiceTheTotalThenNormalReadingsSendsNothingAndNeverBecomesTheHigh() {
        steadyMarket();
        check(Duration.ofMinutes(15), 6000, 90_000);
        for (int i = 0; i < 8; i++) {
            check(Duration.ofMinutes(15), 3000, 90_000);
        }

        assertThat(sent).isEmpty();
        assertThat(history.market().points()).allSatisfy(p -> assertThat(p.value()).isLessThan(3001e9));
        assertThat(suspects).extracting(SuspectReading::status)
                .containsExactly(SuspectReading.Status.HELD, SuspectReading.Status.DISCARDED);
    }

    @Test
    void threeReadingsNinetyFivePercentOffThenNormalSendNothing() {
        steadyMarket();
        for (int i = 0; i < 3; i++) {
            check(Duration.ofHours(1), 150, 90_000);
        }
        for (int i = 0; i < 4; i++) {
            check(Duration.ofHours(1), 3000, 90_000);
        }

        assertThat(sent).isEmpty();
        assertThat(history.market().points()).noneMatch(p -> p.value() < 1000e9);
    }

    @Test
    void oneReadingDipsOfNineToThirteenPercentThatRevertSendNothing() {
        steadyMarket();
        for (double dip : new double[] {2730, 2670, 2595}) {
            check(Duration.ofHours(1), dip, 90_000);
            check(Duration.ofHours(1), 3000, 90_000);
        }
        assertThat(sent).isEmpty();
        assertThat(suspects).filteredOn(s -> s.status() == SuspectReading.Status.DISCARDED).hasSize(3);
    }

    @Test
    void aOneDollarBitcoinSendsNothingIsNotStoredAndARealLowLaterStillAlertsOnce() {
        steadyMarket();
        check(Duration.ofMinutes(15), 3000, 1.0);
        check(Duration.ofMinutes(15), 3000, 90_000);

        assertThat(sent).isEmpty();
        assertThat(history.coin("bitcoin").dailyLows().values()).doesNotContain(1.0);
        assertThat(history.coin("bitcoin").latestPrice()).contains(90_000.0);

        // A real slide over a day and a half: below every day but the low of 200 days ago, then below that too.
        for (double btc = 90_000; btc >= 59_000; btc -= 1_000) {
            check(Duration.ofHours(1), 3000, btc);
        }
        LocalDate deep = CoinHistory.dayOf(T0).minusDays(200);
        assertThat(sent).extracting(Notification::rule).containsOnly(CoinLowRule.NAME);
        assertThat(sent).extracting(Notification::kind).containsExactly(DecisionKind.NEW, DecisionKind.ESCALATED);
        assertThat(sent.get(0).headline()).contains("lowest since " + deep);
        assertThat(sent.get(1).headline()).containsPattern("lowest in \\d+ days of history");
    }

    @Test
    void theFirstLivePriceAfterABootstrapIsJudgedAgainstTheLastDailyPrice() {
        Map<LocalDate, Double> days = new LinkedHashMap<>();
        LocalDate today = CoinHistory.dayOf(T0);
        for (int i = 365; i >= 0; i--) {
            days.put(today.minusDays(i), 90_000.0);
        }
        history = History.of(MarketHistory.empty(), Map.of("bitcoin", CoinHistory.of(days, null, null)));
        check(Duration.ofHours(1), 3000, 1.0);

        assertThat(sent).isEmpty();
        assertThat(history.coin("bitcoin").held()).isPresent();
        assertThat(history.coin("bitcoin").dailyLows().values()).doesNotContain(1.0);
    }

    @Test
    void aSustainedFifteenPercentDropOverThreeReadingsAlertsOnceAtMostOneReadingLate() {
        steadyMarket();
        check(Duration.ofMinutes(15), 2850, 90_000);
        check(Duration.ofMinutes(15), 2700, 90_000);
        check(Duration.ofMinutes(15), 2550, 90_000);
        Instant crossed = now;
        for (int i = 0; i < 6; i++) {
            check(Duration.ofMinutes(15), 2550, 90_000);
        }

        assertThat(sent).extracting(Notification::kind).containsExactly(DecisionKind.NEW);
        // Without the guard: pending at the crossing, NEW 15 minutes later. With it: one reading later at most.
        assertThat(sent.get(0).createdAt()).isBeforeOrEqualTo(crossed.plus(Duration.ofMinutes(30)));
        assertThat(sent.get(0).headline()).contains("\u221215.0%");
    }

    @Test
    void aCrashShapedLikeAugust2024AlertsAsItComesHourByHour() {
        steadyMarket();
        // -18 % in a day, in hourly steps of under 1 %: nothing to doubt.
        for (int h = 1; h <= 24; h++) {
            check(Duration.ofHours(1), 3000 * (1 - 0.18 * h / 24.0), 90_000);
        }
        assertThat(suspects).isEmpty();
        assertThat(sent).extracting(Notification::rule).contains(MarketDrawdownRule.NAME);
    }

    @Test
    void aHeldReadingSurvivesTheStateCodecAndIsSettledByTheNextRun() {
        steadyMarket();
        check(Duration.ofMinutes(15), 6000, 1.0);
        io.marketsentinel.store.StateCodec codec = new io.marketsentinel.store.StateCodec();
        History back = codec.decode(codec.encode(io.marketsentinel.alerting.SentinelState.initial().withHistory(history)))
                .history();

        assertThat(back.market().held()).get().extracting(SuspectReading::value).isEqualTo(6000e9);
        assertThat(back.coin("bitcoin").held()).get().extracting(SuspectReading::value).isEqualTo(1.0);
        History.Recorded next = back.record(now.plus(Duration.ofMinutes(15)), 3000e9, Map.of("bitcoin", 90_000.0),
                RETENTION, guard);
        assertThat(next.history().market().held()).isEmpty();
        assertThat(next.suspects()).extracting(SuspectReading::status).containsOnly(SuspectReading.Status.DISCARDED);
    }

    @Test
    void storedReadingsAheadOfTheClockAreSaidOnceAndDroppedAndMonitoringGoesOn() {
        steadyMarket();
        // The state's latest readings are two hours ahead of this check's clock (a clock that went back).
        for (int i = 0; i < 8; i++) {
            check(Duration.ofMinutes(15), 3000, 90_000);
        }
        now = now.minus(Duration.ofHours(2));
        suspects.clear();

        check(Duration.ofMinutes(15), 3000, 90_000);

        assertThat(suspects).singleElement().satisfies(s -> {
            assertThat(s.status()).isEqualTo(SuspectReading.Status.DROPPED);
            assertThat(s.reason()).startsWith("7 stored reading(s) after this check's time").contains("a clock that went back");
        });
        assertThat(history.market().latest().orElseThrow().time()).isEqualTo(now);
        suspects.clear();
        check(Duration.ofMinutes(15), 3000, 90_000);
        assertThat(suspects).as("said once").isEmpty();
        assertThat(history.market().latest().orElseThrow().time()).isEqualTo(now);
    }
}
