package io.marketsentinel.history;

import io.marketsentinel.testing.DefaultSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The plausibility guard at its defaults, against the moves of the record it was tuned on. */
class ReadingGuardTest {

    private final ReadingGuard guard = DefaultSettings.guard();
    private static final Instant T0 = Instant.parse("2026-02-04T00:00:00Z");

    @Test
    void refusesWhatNoMarketCouldReadNamingTheFieldAndValue() {
        assertThatThrownBy(() -> guard.requireSaneTotal("data.total_market_cap.usd", 1e-300))
                .isInstanceOf(ImplausibleReadingException.class)
                .hasMessage("field 'data.total_market_cap.usd' is 1.0E-300, outside the plausible range 1.0E9 to 1.0E14");
        assertThatThrownBy(() -> guard.requireSaneTotal("total", Double.NaN)).hasMessageContaining("is NaN");
        assertThatThrownBy(() -> guard.requireSanePrice("bitcoin.usd", 0)).hasMessageContaining("'bitcoin.usd' is 0.0");
        assertThatThrownBy(() -> guard.requireSanePrice("bitcoin.usd", 1e12)).hasMessageContaining("1.0E12");
        guard.requireSaneTotal("total", 3.0e12);
        guard.requireSanePrice("shiba-inu.usd", 1.2e-5);
    }

    @Test
    void thePlausibleMoveGrowsWithTheSquareRootOfTime() {
        assertThat(guard.plausibleMovePercent(Duration.ofMinutes(15))).isEqualTo(5.0);
        assertThat(guard.plausibleMovePercent(Duration.ofHours(1))).isEqualTo(7.0);
        assertThat(guard.plausibleMovePercent(Duration.ofHours(2))).isCloseTo(8.66, org.assertj.core.data.Offset.offset(0.01));
        assertThat(guard.plausibleMovePercent(Duration.ofHours(24))).isCloseTo(22.6, org.assertj.core.data.Offset.offset(0.1));
        assertThat(guard.plausibleMovePercent(Duration.ofDays(30))).isEqualTo(50.0);
    }

    @Test
    void realMovesOfTheRecordAreTakenAsTheyCome() {
        // Aug 5 2024: -6.7 % within two hours, -10 % within six, -18 % within a day.
        assertThat(guard.doubt(100, T0, 93.3, T0.plus(Duration.ofHours(2)))).isEmpty();
        assertThat(guard.doubt(100, T0, 90, T0.plus(Duration.ofHours(6)))).isEmpty();
        assertThat(guard.doubt(100, T0, 82, T0.plus(Duration.ofHours(24)))).isEmpty();
    }

    @Test
    void oneReadingDipsOfNineToThirteenPercentWithinAnHourAreDoubted() {
        for (double dip : new double[] {91, 89, 86.5}) {
            assertThat(guard.doubt(100, T0, dip, T0.plus(Duration.ofHours(1)))).isPresent();
        }
        assertThat(guard.doubt(100, T0, 5, T0.plus(Duration.ofHours(1)))).get().asString()
                .isEqualTo("-95.0% in 60m from the last accepted reading (at most \u00b17.0% is plausible)");
    }

    @Test
    void aSuspectThatTheNextReadingAgreesWithIsConfirmed() {
        ReadingGuard.Judgement held = guard.judge(null, 100.0, T0, null, 85, T0.plus(Duration.ofMinutes(15)));
        assertThat(held.takeReading()).isFalse();
        assertThat(held.hold().status()).isEqualTo(SuspectReading.Status.HELD);

        ReadingGuard.Judgement next = guard.judge(null, 100.0, T0, held.hold(), 84.5, T0.plus(Duration.ofMinutes(30)));
        assertThat(next.takeHeld()).isTrue();
        assertThat(next.takeReading()).isTrue();
        assertThat(next.events()).extracting(SuspectReading::status).containsExactly(SuspectReading.Status.CONFIRMED);
    }

    @Test
    void aSuspectFollowedByANormalReadingIsDiscarded() {
        ReadingGuard.Judgement held = guard.judge(null, 100.0, T0, null, 200, T0.plus(Duration.ofMinutes(15)));
        ReadingGuard.Judgement next = guard.judge(null, 100.0, T0, held.hold(), 100.5, T0.plus(Duration.ofMinutes(30)));
        assertThat(next.takeHeld()).isFalse();
        assertThat(next.takeReading()).isTrue();
        assertThat(next.events()).extracting(SuspectReading::status).containsExactly(SuspectReading.Status.DISCARDED);
    }

    @Test
    void readingsNinetyFivePercentOffAreNotConfirmedByEachOtherForHours() {
        Instant t = T0;
        SuspectReading held = null;
        for (int hour = 1; hour <= 3; hour++) {
            t = T0.plus(Duration.ofHours(hour));
            ReadingGuard.Judgement v = guard.judge(null, 3000.0, T0, held, 150, t);
            assertThat(v.takeReading()).as("hour %d at -95%%", hour).isFalse();
            held = v.hold();
        }
        ReadingGuard.Judgement back = guard.judge(null, 3000.0, T0, held, 2990, t.plus(Duration.ofHours(1)));
        assertThat(back.takeReading()).isTrue();
        assertThat(back.takeHeld()).isFalse();
    }

    @Test
    void aHugeMoveThatLastsIsTakenOnceItHasAgreedForTheConfirmationTime() {
        SuspectReading held = null;
        ReadingGuard.Judgement v = null;
        for (int hour = 1; hour <= 7; hour++) {
            v = guard.judge("terra-luna", 80.0, T0, held, 8.0, T0.plus(Duration.ofHours(hour)));
            held = v.hold();
            if (v.takeReading()) {
                break;
            }
        }
        assertThat(v.takeReading()).as("a -90 %% collapse holding for six hours is real").isTrue();
        assertThat(v.events()).extracting(SuspectReading::status).containsExactly(SuspectReading.Status.CONFIRMED);
    }

    @Test
    void aBatchOfDailyPricesLosesItsOneDayGlitchesIncludingOneOnTheFirstDay() {
        NavigableMap<LocalDate, Double> days = new TreeMap<>();
        LocalDate start = LocalDate.parse("2025-01-01");
        for (int i = 0; i < 30; i++) {
            days.put(start.plusDays(i), 90_000.0 + 100 * i);
        }
        days.put(start, 1.0);
        days.put(start.plusDays(10), 1.0);
        List<SuspectReading> dropped = new ArrayList<>();

        NavigableMap<LocalDate, Double> kept = guard.filterDays("bitcoin", days, dropped);

        assertThat(kept).hasSize(28).doesNotContainKeys(start, start.plusDays(10));
        assertThat(dropped).extracting(SuspectReading::value).containsExactly(1.0, 1.0);
        assertThat(dropped).extracting(SuspectReading::status)
                .containsExactly(SuspectReading.Status.DROPPED, SuspectReading.Status.DISCARDED);
    }
}
