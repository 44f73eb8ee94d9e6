package io.marketsentinel.replay;

import io.marketsentinel.alerting.Notification;
import io.marketsentinel.rules.CoinLowRule;
import io.marketsentinel.rules.Fact;
import io.marketsentinel.rules.Format;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.annotations.XYPointerAnnotation;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;

/**
 * Draws a replay with JFreeChart: the total market cap with the drawdown threshold band (between
 * the trailing-window high and the level at which the rule fires), each coin's price on its own
 * axis, and a marker at every notification. SVG (through JFreeSVG) or PNG, by the file's ending.
 */
public final class ChartRenderer implements ChartWriter {

    private static final int WIDTH = 1200;
    private static final int HEIGHT = 600;
    private static final Color TOTAL = new Color(0x1f, 0x4e, 0x99);
    private static final Color BAND = new Color(0xd9, 0x53, 0x4f);
    private static final Color[] COINS = {new Color(0xf2, 0x8e, 0x1c), new Color(0x2c, 0xa0, 0x2c), new Color(0x94, 0x67, 0xbd)};

    @Override
    public void write(Replayer.Result result, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        JFreeChart chart = chart(result);
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) {
            ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
        } else if (name.endsWith(".svg")) {
            SVGGraphics2D g2 = new SVGGraphics2D(WIDTH, HEIGHT);
            chart.draw(g2, new Rectangle(0, 0, WIDTH, HEIGHT));
            Files.writeString(file, g2.getSVGDocument(), StandardCharsets.UTF_8);
        } else {
            throw new IllegalArgumentException("chart file must end in .svg or .png: " + file);
        }
    }

    static JFreeChart chart(Replayer.Result result) {
        DateAxis time = new DateAxis("Time (UTC)");
        time.setTimeZone(TimeZone.getTimeZone("UTC"));
        NumberAxis billions = new NumberAxis("Total market cap ($B)");
        billions.setAutoRangeIncludesZero(false);
        billions.setNumberFormatOverride(new DecimalFormat("#,##0"));
        XYPlot plot = new XYPlot();
        plot.setDomainAxis(time);
        plot.setRangeAxis(0, billions);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        plot.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));

        double percent = result.settings().drawdown().percent();
        long windowMillis = result.settings().drawdown().window().toMillis();
        XYSeries totals = new XYSeries("Total market cap", false, false);
        YIntervalSeries band = new YIntervalSeries(String.format(Locale.ROOT,
                "Drawdown band: %s high to \u2212%s", Format.windowLabel(result.settings().drawdown().window()),
                Format.percent(percent)), false, false);
        Deque<double[]> window = new ArrayDeque<>();
        List<Observation> shown = result.rows().stream().filter(r -> !r.time().isBefore(result.evaluatedFrom())).toList();
        for (Observation row : shown) {
            if (row.totalMarketCapUsd() == null) {
                continue;
            }
            long t = row.time().toEpochMilli();
            double value = row.totalMarketCapUsd() / 1e9;
            totals.add(t, value);
            // A monotonic queue: the trailing high in O(1) per row.
            while (!window.isEmpty() && window.peekLast()[1] <= value) {
                window.pollLast();
            }
            window.addLast(new double[] {t, value});
            while (window.peekFirst()[0] < t - windowMillis) {
                window.pollFirst();
            }
            double high = window.peekFirst()[1];
            band.add(t, high, high * (1 - percent / 100), high);
        }
        YIntervalSeriesCollection bandData = new YIntervalSeriesCollection();
        bandData.addSeries(band);
        DeviationRenderer bandRenderer = new DeviationRenderer(true, false);
        bandRenderer.setSeriesPaint(0, BAND);
        bandRenderer.setSeriesFillPaint(0, BAND);
        bandRenderer.setSeriesStroke(0, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {4f, 4f}, 0f));
        bandRenderer.setAlpha(0.15f);
        plot.setDataset(0, new XYSeriesCollection(totals));
        plot.setRenderer(0, line(TOTAL, 1.6f));
        plot.setDataset(1, bandData);
        plot.setRenderer(1, bandRenderer);
        plot.mapDatasetToRangeAxis(1, 0);

        List<String> coins = result.settings().low().coins();
        for (int i = 0; i < coins.size(); i++) {
            String coin = coins.get(i);
            XYSeries prices = new XYSeries(Format.coinName(coin) + " (USD, right axis)", false, false);
            for (Observation row : shown) {
                Double price = row.prices().get(coin);
                if (price != null) {
                    prices.add(row.time().toEpochMilli(), price);
                }
            }
            NumberAxis axis = new NumberAxis(Format.coinName(coin) + " ($)");
            axis.setAutoRangeIncludesZero(false);
            axis.setNumberFormatOverride(new DecimalFormat("#,##0"));
            int index = 2 + i;
            plot.setRangeAxis(1 + i, axis);
            plot.setDataset(index, new XYSeriesCollection(prices));
            XYLineAndShapeRenderer coinRenderer = line(COINS[i % COINS.length], 1.0f);
            plot.setRenderer(index, coinRenderer);
            plot.mapDatasetToRangeAxis(index, 1 + i);
            for (Replayer.Sent sent : result.sent()) {
                Double price = priceAt(shown, sent.time(), coin);
                if (coin.equals(sent.notification().subject()) && price != null) {
                    coinRenderer.addAnnotation(pointer(sent, price, 3 * Math.PI / 4));
                }
            }
        }

        XYLineAndShapeRenderer totalRenderer = (XYLineAndShapeRenderer) plot.getRenderer(0);
        for (Replayer.Sent sent : result.sent()) {
            plot.addDomainMarker(marker(sent.time(), sent.notification()));
            Double total = priceAt(shown, sent.time(), null);
            if (sent.notification().subject() == null && total != null) {
                totalRenderer.addAnnotation(pointer(sent, total / 1e9, -3 * Math.PI / 4));
            }
        }
        JFreeChart chart = new JFreeChart("market-sentinel replay: " + result.sent().size() + " notification(s)",
                new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static XYLineAndShapeRenderer line(Color color, float width) {
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setSeriesPaint(0, color);
        renderer.setSeriesStroke(0, new BasicStroke(width));
        return renderer;
    }

    /** A thin vertical line at each notification. */
    private static ValueMarker marker(Instant time, Notification n) {
        boolean low = n.rule().equals(CoinLowRule.NAME);
        ValueMarker marker = new ValueMarker(time.toEpochMilli());
        marker.setPaint(low ? COINS[0].darker() : BAND.darker());
        marker.setStroke(new BasicStroke(0.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {2f, 3f}, 0f));
        return marker;
    }

    /** An arrow at the value the notification was about, saying what was sent. */
    private static XYPointerAnnotation pointer(Replayer.Sent sent, double y, double angle) {
        Notification n = sent.notification();
        String label = n.rule().equals(CoinLowRule.NAME)
                ? n.kind() + ": " + Format.coinName(n.subject()) + " lowest since " + Fact.LOWEST_SINCE.in(n.facts()).orElse("?")
                : n.kind() + ": \u2212" + Fact.DROP_PERCENT.in(n.facts()).orElse("?") + " (" + Fact.DROP.in(n.facts()).orElse("?") + ")";
        XYPointerAnnotation a = new XYPointerAnnotation(label, sent.time().toEpochMilli(), y, angle);
        a.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 11));
        a.setArrowPaint(Color.DARK_GRAY);
        a.setTextAnchor(angle < 0 ? TextAnchor.BOTTOM_RIGHT : TextAnchor.TOP_RIGHT);
        a.setBaseRadius(40);
        a.setTipRadius(4);
        return a;
    }

    private static Double priceAt(List<Observation> rows, Instant time, String coin) {
        for (Observation row : rows) {
            if (row.time().equals(time)) {
                return coin == null ? row.totalMarketCapUsd() : row.prices().get(coin);
            }
        }
        return null;
    }
}
