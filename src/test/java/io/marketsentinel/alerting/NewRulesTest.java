package io.marketsentinel.alerting;

import io.marketsentinel.history.CoinHistory;
import io.marketsentinel.history.History;
import io.marketsentinel.history.MarketHistory;
import io.marketsentinel.history.ReadingGuard;
import io.marketsentinel.rules.CoinDrawdownRule;
import io.marketsentinel.rules.MarketDrawdownRule;
import io.marketsentinel.rules.PriceLevelRule;
import io.marketsentinel.rules.Rule;
import io.marketsentinel.testing.DefaultSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules users ask for, through the real ledger: price levels, named drawdown windows, a coin's own drawdown. */
class NewRulesTest {

    private static final Instant T0 = Instant.parse("2026-01-20T00:00:00Z");

    private final List<Notification> sent = new ArrayList<>();
    private final AlertLedger ledger = AlertLedger.empty();
    private History history = History.of(MarketHistory.empty(), Map.of());
    private Instant now = T0;
    private Evaluator evaluator;
    private ReadingGuard guard = DefaultSettings.permissiveGuard();
    private Duration coinRetention = Duration.ZERO;

    private void rules(Rule... rules) {
        evaluator = new Evaluator(List.of(rules), Optional.empty());
    }

    private void check(Duration step, Double totalBillions, Map<String, Double> prices) {
        now = now.plus(step);
        history = history.record(now, totalBillions == null ? null : totalBillions * 1e9, prices, Duration.ofDays(8),
                coinRetention, guard).history();
        sent.addAll(evaluator.evaluate(history, ledger, now, List.of("slack")).notifications());
    }

    private void bitcoin(double price) {
        check(Duration.ofMinutes(15), null, Map.of("bitcoin", price));
    }

    private static PriceLevelRule levels(String... specs) {
        return new PriceLevelRule(new PriceLevelRule.Settings(List.of(specs).stream().map(PriceLevelRule.Level::parse)
                .toList(), 2, false));
    }

    @Test
    void aCrossingNotifiesOnceAndAPriceHoveringAtTheLevelDoesNotStorm() {
        rules(levels("bitcoin<60000"));
        bitcoin(61_000);
        bitcoin(59_412.10);
        assertThat(sent).extracting(Notification::headline).containsExactly("Bitcoin fell below $60,000 (now $59,412.10)");

        // Hovering around the level, never 2 % back above it: no more notifications.
        for (double p : new double[] {60_400, 59_800, 61_100, 59_950, 60_900}) {
            bitcoin(p);
        }
        assertThat(sent).hasSize(1);

        // Back above $61,200 (2 % past the level): re-armed, quietly; the next crossing is news again.
        bitcoin(61_300);
        bitcoin(59_000);
        assertThat(sent).extracting(Notification::kind).containsExactly(DecisionKind.NEW, DecisionKind.NEW);
        assertThat(sent.get(1).headline()).isEqualTo("Bitcoin fell below $60,000 (now $59,000.00)");
    }

    @Test
    void aRiseAboveALevelIsSaidAsSuch() {
        rules(levels("ethereum>5000"));
        check(Duration.ofMinutes(15), null, Map.of("ethereum", 4_900.0));
        check(Duration.ofMinutes(15), null, Map.of("ethereum", 5_012.5));
        assertThat(sent).extracting(Notification::headline).containsExactly("Ethereum rose above $5,000 (now $5,012.50)");
    }

    @Test
    void aReadingHeldByTheGuardNeverCrosses() {
        guard = DefaultSettings.guard();
        rules(levels("bitcoin<60000"));
        bitcoin(62_000);
        bitcoin(62_100);
        // A one-reading glitch to $30,000 is held as suspect: no crossing.
        bitcoin(30_000);
        assertThat(sent).isEmpty();
        bitcoin(62_050);
        assertThat(sent).as("the glitch was discarded, nothing crossed").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "bitcoin<       | 'bitcoin<' is not a level: write coin<price or coin>price, e.g. bitcoin<60000",
            "btc<<1         | 'btc<<1' is not a level: write coin<price or coin>price, e.g. bitcoin<60000",
            "bitcoin<0      | 'bitcoin<0' is not a level: the price must be above 0",
            "bitcoin=60000  | 'bitcoin=60000' is not a level: write coin<price or coin>price, e.g. bitcoin<60000"})
    void aBadLevelIsRefusedNamingTheEntry(String spec, String message) {
        assertThatThrownBy(() -> PriceLevelRule.Level.parse(spec)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void twoDrawdownWindowsEachFireOnOneCrashAsRulesOfTheirOwn() {
        MarketDrawdownRule.Settings week = DefaultSettings.drawdown();
        MarketDrawdownRule.Settings day = new MarketDrawdownRule.Settings(Duration.ofDays(1), 10, OptionalDouble.empty(),
                Duration.ofMinutes(15), 5, 0.5, false);
        rules(new MarketDrawdownRule(week), MarketDrawdownRule.named("fast", day));
        for (int i = 0; i < 7 * 24; i++) {
            check(Duration.ofHours(1), 3000.0, Map.of());
        }
        // An 11 % fall within a day, then on to 16 % the next: the fast window first, the week's after.
        check(Duration.ofHours(1), 2670.0, Map.of());
        check(Duration.ofMinutes(15), 2670.0, Map.of());
        assertThat(sent).extracting(Notification::rule).containsExactly("market-drawdown:fast");
        assertThat(sent.get(0).headline()).isEqualTo("Crypto market down $330.0B (\u221211.0%) from its 1-day high");
        check(Duration.ofHours(12), 2520.0, Map.of());
        check(Duration.ofMinutes(15), 2520.0, Map.of());
        assertThat(sent).extracting(n -> n.rule() + " " + n.kind())
                .containsExactly("market-drawdown:fast NEW", "market-drawdown NEW", "market-drawdown:fast ESCALATED");
        assertThat(ledger.episodes()).containsKeys("market-drawdown", "market-drawdown:fast");
    }

    @Test
    void aCoinsOwnDrawdownFromItsWindowHigh() {
        coinRetention = Duration.ofDays(7).plusHours(1);
        rules(new CoinDrawdownRule(new CoinDrawdownRule.Settings(List.of("ethereum"), Duration.ofDays(7), 20,
                Duration.ZERO, 5, 0.5, false)));
        for (int i = 0; i < 48; i++) {
            check(Duration.ofHours(1), null, Map.of("ethereum", i == 30 ? 3_912.40 : 3_800.0));
        }
        check(Duration.ofHours(1), null, Map.of("ethereum", 3_051.67));
        assertThat(sent).extracting(Notification::headline)
                .containsExactly("Ethereum down 22.0% from its 7-day high of $3,912.40");
        assertThat(history.coin("ethereum").hourlyHighs()).as("an hour's high each, no more than the window")
                .hasSizeLessThanOrEqualTo(7 * 24 + 2);
        assertThat(CoinHistory.empty().highSince(now)).isEmpty();
    }
}
