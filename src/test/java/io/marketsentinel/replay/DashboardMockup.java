package io.marketsentinel.replay;

import io.marketsentinel.history.SuspectReading;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.time.Hour;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Date;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;

/**
 * Draws the stack's CloudWatch dashboard as it would look (the six widgets of
 * {@code MarketSentinelStack.dashboard}, same titles, metrics and threshold lines), fed by a replay
 * of the synthetic market around the Feb 2026 crash: {@code src/docs/dashboard.png} in the README.
 * Run {@code main} to draw it again; not a test.
 */
public final class DashboardMockup {

    private static final Instant FROM = Instant.parse("2026-01-24T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-02-07T00:00:00Z");

    private DashboardMockup() {
    }

    public static void main(String[] args) throws IOException {
        HistoryCsv.Parsed csv = HistoryCsv.read(new StringReader(SyntheticMarket.csv()), "synthetic.csv");
        Replayer.Result result = new Replayer(ReplayScenarioTest.defaults(csv.coins())).run(csv.rows(), Optional.empty());
        TimeSeries total = new TimeSeries("TotalMarketCapUsd");
        TimeSeries drawdown = new TimeSeries("DrawdownPercent");
        TimeSeries price = new TimeSeries("CoinPriceUsd bitcoin");
        TimeSeries lowest = new TimeSeries("LowestSinceDays bitcoin");
        TimeSeries sent = new TimeSeries("NotificationsSent");
        TimeSeries failed = new TimeSeries("DeliveriesFailed");
        TimeSeries suspects = new TimeSeries("SuspectReadings");
        TimeSeries duration = new TimeSeries("CheckDurationMs");
        Deque<Observation> window = new ArrayDeque<>();
        java.util.TreeMap<java.time.LocalDate, Double> lows = new java.util.TreeMap<>();
        java.util.Random noise = new java.util.Random(7);
        for (Observation row : csv.rows()) {
            java.time.LocalDate day = java.time.LocalDate.ofInstant(row.time(), java.time.ZoneOffset.UTC);
            double btc = row.prices().get("bitcoin");
            boolean glitch = SyntheticMarket.GLITCHES.containsKey(row.time());
            if (!glitch) {
                window.addLast(row);
                while (window.peekFirst().time().isBefore(row.time().minus(Duration.ofDays(7)))) {
                    window.removeFirst();
                }
            }
            if (row.time().isBefore(FROM) || !row.time().isBefore(TO)) {
                if (!glitch) {
                    lows.merge(day, btc, Math::min);
                }
                continue;
            }
            Hour hour = new Hour(Date.from(row.time()), TimeZone.getTimeZone("UTC"), java.util.Locale.ROOT);
            double high = window.stream().mapToDouble(Observation::totalMarketCapUsd).max().orElse(row.totalMarketCapUsd());
            total.addOrUpdate(hour, row.totalMarketCapUsd() / 1e9);
            drawdown.addOrUpdate(hour, (1 - row.totalMarketCapUsd() / high) * 100);
            price.addOrUpdate(hour, btc);
            long since = lows.headMap(day, false).descendingMap().entrySet().stream().filter(e -> e.getValue() <= btc)
                    .findFirst().map(e -> day.toEpochDay() - e.getKey().toEpochDay()).orElse((long) lows.size());
            lowest.addOrUpdate(hour, since);
            lows.merge(day, btc, Math::min);
            duration.addOrUpdate(hour, 20 + noise.nextGaussian() * 4);
            sent.addOrUpdate(hour, 0);
            failed.addOrUpdate(hour, 0);
            suspects.addOrUpdate(hour, 0);
        }
        for (Replayer.Sent s : result.sent()) {
            if (!s.time().isBefore(FROM) && s.time().isBefore(TO)) {
                Hour hour = new Hour(Date.from(s.time()), TimeZone.getTimeZone("UTC"), java.util.Locale.ROOT);
                sent.addOrUpdate(hour, sent.getValue(hour).doubleValue() + 1);
            }
        }
        for (SuspectReading s : result.suspects()) {
            if (s.status() == SuspectReading.Status.HELD && !s.time().isBefore(FROM) && s.time().isBefore(TO)) {
                suspects.addOrUpdate(new Hour(Date.from(s.time()), TimeZone.getTimeZone("UTC"), java.util.Locale.ROOT), 1);
            }
        }
        List<JFreeChart> charts = List.of(
                chart("Total crypto market cap (USD, billions)", null, total),
                chart("Drawdown from the window high (%)", 15.0, drawdown),
                chart("Coin prices (USD)", null, price),
                chart("Lowest since, days back", 90.0, lowest),
                chart("Notifications sent and deliveries failed", null, sent, failed),
                chart("Suspect readings and check duration", null, suspects, duration));
        BufferedImage image = new BufferedImage(1400, 960, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(242, 243, 243));
        g.fillRect(0, 0, 1400, 960);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.drawString("market-sentinel-MarketSentinel: the stack's six widgets, drawn from a replay of synthetic data"
                + " (mock-up)", 16, 28);
        for (int i = 0; i < charts.size(); i++) {
            charts.get(i).draw(g, new Rectangle(10 + (i % 2) * 695, 44 + (i / 2) * 305, 685, 295));
        }
        g.dispose();
        ImageIO.write(image, "png", Path.of(args.length > 0 ? args[0] : "src/docs/dashboard.png").toFile());
    }

    private static JFreeChart chart(String title, Double threshold, TimeSeries... series) {
        TimeSeriesCollection data = new TimeSeriesCollection();
        for (TimeSeries s : series) {
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createTimeSeriesChart(title, null, null, data, true, false, false);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(220, 220, 220));
        plot.setRangeGridlinePaint(new Color(220, 220, 220));
        if (threshold != null) {
            ValueMarker marker = new ValueMarker(threshold, new Color(214, 39, 40), new BasicStroke(2f));
            marker.setLabel(title.startsWith("Drawdown") ? "alert at 15.0 %" : "multi-month low (90 days)");
            marker.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            marker.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_LEFT);
            marker.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.BOTTOM_LEFT);
            plot.addRangeMarker(marker);
            if (plot.getRangeAxis().getUpperBound() < threshold * 1.15) {
                plot.getRangeAxis().setUpperBound(threshold * 1.15);
            }
        }
        return chart;
    }
}
