package io.marketsentinel.replay;

import io.marketsentinel.alerting.DecisionKind;
import io.marketsentinel.alerting.Digest;
import io.marketsentinel.alerting.Notification;
import io.marketsentinel.history.CoinHistory;
import io.marketsentinel.history.History;
import io.marketsentinel.history.Reading;
import io.marketsentinel.rules.CoinLowRule;
import io.marketsentinel.rules.Fact;
import io.marketsentinel.rules.Format;
import io.marketsentinel.rules.MarketDrawdownRule;
import io.marketsentinel.rules.RuleSet;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYPointerAnnotation;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.DecimalFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;

/**
 * The picture attached to an alert, drawn with the replay's chart code: for a market drawdown, the
 * total market cap over the rule's window with the window's high, the level at which the rule fires
 * and the reading alerted on marked; for a coin low, the coin's daily prices back past the "lowest
 * since" day, with that day and the price alerted on marked. A small PNG (well under 100 KB: few
 * colours, flat areas).
 */
public final class AlertChart {

    static final int WIDTH = 800;
    static final int HEIGHT = 420;
    /** Days shown before the "lowest since" day, at least, so the day is not on the chart's edge. */
    private static final long DAYS_BEFORE_LOW = 14;
    private static final Color WHITE_GLASS = new Color(255, 255, 255, 220);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private AlertChart() {
    }

    /** The PNG for {@code n} (an alert or the daily digest), from {@code history}; empty where its rule or kind has no chart. */
    public static Optional<byte[]> png(Notification n, History history, RuleSet rules) {
        if (n.kind() == DecisionKind.RESOLVED) {
            return Optional.empty();
        }
        System.setProperty("java.awt.headless", "true");
        // The digest shows the market against the drawdown rule, as a drawdown alert would.
        Optional<JFreeChart> chart = drawdownSettings(n.rule(), rules)
                .or(() -> n.rule().equals(Digest.RULE) ? Optional.of(rules.drawdown()) : Optional.empty())
                .flatMap(settings -> drawdown(n, history, settings))
                .or(() -> n.rule().equals(CoinLowRule.NAME) && n.subject() != null
                        ? coinLow(n, history.coin(n.subject())) : Optional.empty());
        return chart.map(AlertChart::encode);
    }

    private static Optional<MarketDrawdownRule.Settings> drawdownSettings(String rule, RuleSet rules) {
        if (rule.equals(MarketDrawdownRule.NAME)) {
            return Optional.of(rules.drawdown());
        }
        String prefix = MarketDrawdownRule.NAME + ":";
        return rule.startsWith(prefix) ? Optional.ofNullable(rules.windows().get(rule.substring(prefix.length())))
                : Optional.empty();
    }

    private static Optional<JFreeChart> drawdown(Notification n, History history, MarketDrawdownRule.Settings settings) {
        Instant at = n.createdAt();
        List<Reading> window = history.market().since(at.minus(settings.window())).stream()
                .filter(r -> !r.time().isAfter(at)).toList();
        if (window.size() < 2) {
            return Optional.empty();
        }
        XYSeries total = new XYSeries("Total market cap ($B)", false, false);
        Reading high = window.get(0);
        for (Reading r : window) {
            total.add(r.time().toEpochMilli(), r.value() / 1e9);
            high = r.value() > high.value() ? r : high;
        }
        Reading current = window.get(window.size() - 1);
        double firing = high.value() * (1 - settings.percent() / 100);
        XYPlot plot = plot("Total market cap ($B)", total, ChartRenderer.TOTAL);
        ValueMarker threshold = new ValueMarker(firing / 1e9, ChartRenderer.BAND, dashed());
        threshold.setLabel("fires at \u2212" + Format.percent(settings.percent()) + ": " + Format.usd(firing));
        threshold.setLabelFont(LABEL);
        threshold.setLabelBackgroundColor(WHITE_GLASS);
        threshold.setLabelAnchor(RectangleAnchor.BOTTOM_LEFT);
        threshold.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        plot.addRangeMarker(threshold);
        // Below and right of the high, inside the plot (the high is often at the window's left edge).
        point(plot, high, Format.windowLabel(settings.window()) + " high " + Format.usd(high.value()),
                Math.PI / 4, TextAnchor.TOP_LEFT, 1e9);
        point(plot, current, "now " + Format.usd(current.value()), -3 * Math.PI / 4, TextAnchor.BOTTOM_CENTER, 1e9);
        // The firing level stays in view even when the market is far above it.
        NumberAxis axis = (NumberAxis) plot.getRangeAxis();
        axis.setAutoRangeIncludesZero(false);
        return Optional.of(chart(n.headline(), plot, firing / 1e9));
    }

    private static Optional<JFreeChart> coinLow(Notification n, CoinHistory coin) {
        Optional<Double> price = coin.latestPrice();
        Optional<Instant> latest = coin.latestTime();
        if (price.isEmpty() || latest.isEmpty() || coin.dailyLows().isEmpty()) {
            return Optional.empty();
        }
        LocalDate since = Optional.ofNullable(n.facts().get(Fact.LOWEST_SINCE.key())).map(LocalDate::parse)
                .orElse(coin.dailyLows().firstKey());
        LocalDate today = CoinHistory.dayOf(latest.get());
        long span = Math.max(1, today.toEpochDay() - since.toEpochDay());
        LocalDate from = since.minusDays(Math.max(DAYS_BEFORE_LOW, span / 10));
        NavigableMap<LocalDate, Double> days = coin.dailyLows().subMap(from, true, today, false);
        XYSeries series = new XYSeries(Format.coinName(n.subject()) + " ($)", false, false);
        for (Map.Entry<LocalDate, Double> day : days.entrySet()) {
            series.add(noon(day.getKey()), day.getValue());
        }
        series.add(latest.get().toEpochMilli(), price.get());
        XYPlot plot = plot(Format.coinName(n.subject()) + " daily low ($)", series, ChartRenderer.COINS[0]);
        ValueMarker sinceDay = new ValueMarker(noon(since), ChartRenderer.BAND, dashed());
        sinceDay.setLabel((n.facts().containsKey(Fact.LOWEST_SINCE.key()) ? "lowest since " : "history from ") + since);
        sinceDay.setLabelFont(LABEL);
        sinceDay.setLabelBackgroundColor(WHITE_GLASS);
        sinceDay.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        sinceDay.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        plot.addDomainMarker(sinceDay);
        ValueMarker level = new ValueMarker(price.get(), ChartRenderer.BAND, dashed());
        plot.addRangeMarker(level);
        point(plot, new Reading(latest.get(), price.get()), "now " + Format.usd(price.get()), -3 * Math.PI / 4, TextAnchor.BOTTOM_CENTER, 1);
        return Optional.of(chart(n.headline(), plot, price.get()));
    }

    private static XYPlot plot(String axisLabel, XYSeries series, Color color) {
        DateAxis time = new DateAxis("UTC");
        time.setTimeZone(ChartRenderer.UTC);
        time.setStandardTickUnits(ChartRenderer.tickUnitsWithYears());
        time.setLabelFont(LABEL);
        NumberAxis values = new NumberAxis(axisLabel);
        values.setAutoRangeIncludesZero(false);
        values.setNumberFormatOverride(new DecimalFormat("#,##0"));
        values.setLabelFont(LABEL);
        XYPlot plot = new XYPlot(new XYSeriesCollection(series), time, values, ChartRenderer.line(color, 1.6f));
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        plot.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        return plot;
    }

    /** An arrow and a label at one reading, as the replay marks its notifications; the label on the side {@code angle} says. */
    private static void point(XYPlot plot, Reading reading, String label, double angle, TextAnchor anchor, double scale) {
        XYPointerAnnotation mark = new XYPointerAnnotation(label, reading.time().toEpochMilli(), reading.value() / scale, angle);
        mark.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 11));
        mark.setArrowPaint(Color.DARK_GRAY);
        mark.setTextAnchor(anchor);
        mark.setBaseRadius(30);
        mark.setTipRadius(3);
        mark.setBackgroundPaint(WHITE_GLASS);
        plot.addAnnotation(mark);
    }

    /** The chart with the headline as its title, the value axis stretched to keep {@code keepInView} shown. */
    private static JFreeChart chart(String headline, XYPlot plot, double keepInView) {
        NumberAxis axis = (NumberAxis) plot.getRangeAxis();
        axis.setUpperMargin(0.15);
        axis.setLowerMargin(0.1);
        axis.configure();
        double low = Math.min(axis.getLowerBound(), keepInView * 0.98);
        double high = Math.max(axis.getUpperBound(), keepInView * 1.02);
        axis.setRange(low, high);
        JFreeChart chart = new JFreeChart(headline.length() > 100 ? headline.substring(0, 99) + "\u2026" : headline,
                new Font(Font.SANS_SERIF, Font.BOLD, 14), plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static BasicStroke dashed() {
        return new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {5f, 4f}, 0f);
    }

    private static long noon(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).plus(Duration.ofHours(12)).toInstant().toEpochMilli();
    }

    private static byte[] encode(JFreeChart chart) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
