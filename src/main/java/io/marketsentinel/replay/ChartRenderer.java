package io.marketsentinel.replay;

import io.marketsentinel.alerting.Notification;
import io.marketsentinel.history.History;
import io.marketsentinel.history.SuspectReading;
import io.marketsentinel.rules.CoinLowRule;
import io.marketsentinel.rules.Format;
import io.marketsentinel.rules.RuleSet;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYPointerAnnotation;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.DateTickUnit;
import org.jfree.chart.axis.DateTickUnitType;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.TickUnits;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.block.GridArrangement;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
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
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.SimpleDateFormat;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.TimeZone;

/**
 * Draws a replay with JFreeChart: the total market cap with the drawdown threshold band (between
 * the trailing-window high and the level at which the rule fires), each coin's price on its own
 * axis, and a numbered arrow at every notification, its headline listed under the chart (long
 * labels inside the plot overlap and run off its edges). Readings the guard discarded are left
 * out, as the rules left them out. SVG (through JFreeSVG) or PNG, by the file's ending.
 */
public final class ChartRenderer implements ChartWriter {

    private static final int WIDTH = 1200;
    private static final int PLOT_HEIGHT = 600;
    /** Roughly how tall one row of the notification list is, and how many fit a row. */
    private static final int LIST_ROW_HEIGHT = 17;
    private static final int LIST_ITEMS_PER_ROW = 2;
    static final Color TOTAL = new Color(0x1f, 0x4e, 0x99);
    static final Color BAND = new Color(0xd9, 0x53, 0x4f);
    static final Color[] COINS = {new Color(0xf2, 0x8e, 0x1c), new Color(0x2c, 0xa0, 0x2c), new Color(0x94, 0x67, 0xbd)};
    static final TimeZone UTC = TimeZone.getTimeZone("UTC");
    /** Numbers closer than this share of the time axis are stacked, so they never cover each other. */
    private static final double CLOSE = 0.02;
    private static final double[] ANGLES = {-Math.PI / 2, -Math.PI / 4, -3 * Math.PI / 4};

    @Override
    public void write(Replayer.Result result, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        JFreeChart chart = chart(result);
        int height = height(result);
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) {
            ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, height);
        } else if (name.endsWith(".svg")) {
            SVGGraphics2D g2 = new SVGGraphics2D(WIDTH, height);
            chart.draw(g2, new Rectangle(0, 0, WIDTH, height));
            Files.writeString(file, g2.getSVGDocument(), StandardCharsets.UTF_8);
        } else {
            throw new IllegalArgumentException("chart file must end in .svg or .png: " + file);
        }
    }

    @Override
    public Optional<byte[]> alertPng(Notification notification, History history, RuleSet rules) {
        return AlertChart.png(notification, history, rules);
    }

    /** The plot keeps its height; the list of notifications below it adds its own. */
    static int height(Replayer.Result result) {
        int rows = (result.sent().size() + LIST_ITEMS_PER_ROW - 1) / LIST_ITEMS_PER_ROW;
        return PLOT_HEIGHT + rows * LIST_ROW_HEIGHT;
    }

    static JFreeChart chart(Replayer.Result result) {
        DateAxis time = new DateAxis("Time (UTC)");
        time.setTimeZone(UTC);
        time.setStandardTickUnits(tickUnitsWithYears());
        NumberAxis billions = new NumberAxis("Total market cap ($B)");
        billions.setAutoRangeIncludesZero(false);
        billions.setNumberFormatOverride(new DecimalFormat("#,##0"));
        billions.setUpperMargin(0.12);
        XYPlot plot = new XYPlot();
        plot.setDomainAxis(time);
        plot.setRangeAxis(0, billions);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        plot.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));

        Discarded discarded = Discarded.of(result.suspects());
        List<Observation> shown = result.rows().stream().filter(r -> !r.time().isBefore(result.evaluatedFrom())).toList();
        XYSeries totals = totals(shown, discarded);
        plot.setRenderer(0, line(TOTAL, 1.6f));
        if (totals.isEmpty()) {
            // A file of prices only: no market axis, and no legend for lines that are not there.
            billions.setVisible(false);
        } else {
            plot.setDataset(0, new XYSeriesCollection(totals));
            plot.setDataset(1, band(result, discarded));
            plot.setRenderer(1, bandRenderer());
            plot.mapDatasetToRangeAxis(1, 0);
        }

        List<String> coins = result.settings().low().coins();
        for (int i = 0; i < coins.size(); i++) {
            String coin = coins.get(i);
            Points points = new Points();
            for (Observation row : shown) {
                Double price = row.prices().get(coin);
                if (price != null && !discarded.contains(coin, row.time())) {
                    points.add(row.time().toEpochMilli(), price);
                }
            }
            XYSeries prices = points.series(Format.coinName(coin) + " (USD, right axis)");
            NumberAxis axis = new NumberAxis(Format.coinName(coin) + " ($)");
            axis.setAutoRangeIncludesZero(false);
            axis.setNumberFormatOverride(new DecimalFormat("#,##0"));
            axis.setUpperMargin(0.12);
            plot.setRangeAxis(1 + i, axis);
            plot.setDataset(2 + i, new XYSeriesCollection(prices));
            plot.setRenderer(2 + i, line(COINS[i % COINS.length], 1.0f));
            plot.mapDatasetToRangeAxis(2 + i, 1 + i);
        }
        annotate(plot, result, shown, coins);

        JFreeChart chart = new JFreeChart(String.format(Locale.ROOT, "market-sentinel replay, %s \u2013 %s: %d notification%s",
                day(shown.get(0).time()), day(shown.get(shown.size() - 1).time()), result.sent().size(),
                result.sent().size() == 1 ? "" : "s"), new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        // Counted as the text and the JSON count them (ReplayOutput.suspectCounts): one per reading.
        int leftOut = ReplayOutput.leftOut(result);
        if (leftOut > 0) {
            TextTitle note = new TextTitle(leftOut + " reading" + (leftOut == 1 ? "" : "s")
                    + " the plausibility guard discarded " + (leftOut == 1 ? "is" : "are") + " left out, as the rules left them out",
                    new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            chart.addSubtitle(note);
        }
        if (!result.sent().isEmpty()) {
            chart.addSubtitle(notificationList(result));
        }
        return chart;
    }

    private static XYSeries totals(List<Observation> shown, Discarded discarded) {
        Points totals = new Points();
        for (Observation row : shown) {
            if (row.totalMarketCapUsd() != null && !discarded.contains(null, row.time())) {
                totals.add(row.time().toEpochMilli(), row.totalMarketCapUsd() / 1e9);
            }
        }
        return totals.series("Total market cap");
    }

    /** A series' points, collected to be cut to what the chart's width can show ({@link PixelColumns}). */
    private static final class Points {
        private long[] xs = new long[1024];
        private double[] ys = new double[1024];
        private int size;

        void add(long x, double y) {
            if (size == xs.length) {
                xs = java.util.Arrays.copyOf(xs, size * 2);
                ys = java.util.Arrays.copyOf(ys, size * 2);
            }
            xs[size] = x;
            ys[size++] = y;
        }

        List<Integer> shown() {
            return PixelColumns.keep(java.util.Arrays.copyOf(xs, size), java.util.Arrays.copyOf(ys, size), WIDTH);
        }

        XYSeries series(String name) {
            XYSeries series = new XYSeries(name, false, false);
            for (int i : shown()) {
                series.add(xs[i], ys[i]);
            }
            return series;
        }
    }

    /** The trailing-window high down to the firing level, over the readings the rule used. */
    private static YIntervalSeriesCollection band(Replayer.Result result, Discarded discarded) {
        double percent = result.settings().drawdown().percent();
        long windowMillis = result.settings().drawdown().window().toMillis();
        YIntervalSeries band = new YIntervalSeries(String.format(Locale.ROOT,
                "Drawdown band: %s high to \u2212%s", Format.windowLabel(result.settings().drawdown().window()),
                Format.percent(percent)), false, false);
        Deque<double[]> window = new ArrayDeque<>();
        Points highs = new Points();
        // All rows, so the high at the first shown row includes the warm-up rows before it, as the rule's did.
        for (Observation row : result.rows()) {
            if (row.totalMarketCapUsd() == null || discarded.contains(null, row.time())) {
                continue;
            }
            long t = row.time().toEpochMilli();
            double value = row.totalMarketCapUsd() / 1e9;
            // A monotonic queue: the trailing high in O(1) per row.
            while (!window.isEmpty() && window.peekLast()[1] <= value) {
                window.pollLast();
            }
            window.addLast(new double[] {t, value});
            while (window.peekFirst()[0] < t - windowMillis) {
                window.pollFirst();
            }
            double high = window.peekFirst()[1];
            if (!row.time().isBefore(result.evaluatedFrom())) {
                highs.add(t, high);
            }
        }
        for (int i : highs.shown()) {
            band.add(highs.xs[i], highs.ys[i], highs.ys[i] * (1 - percent / 100), highs.ys[i]);
        }
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        data.addSeries(band);
        return data;
    }

    private static DeviationRenderer bandRenderer() {
        DeviationRenderer renderer = new DeviationRenderer(true, false);
        renderer.setSeriesPaint(0, BAND);
        renderer.setSeriesFillPaint(0, BAND);
        renderer.setSeriesStroke(0, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {4f, 4f}, 0f));
        renderer.setAlpha(0.15f);
        return renderer;
    }

    /**
     * A dotted line and a numbered arrow at each notification, on the series it is about. Numbers
     * whose times lie close together are stacked at increasing heights instead of drawn on top of
     * each other.
     */
    private static void annotate(XYPlot plot, Replayer.Result result, List<Observation> shown, List<String> coins) {
        double from = shown.get(0).time().toEpochMilli();
        double span = Math.max(1, shown.get(shown.size() - 1).time().toEpochMilli() - from);
        List<double[]> placed = new ArrayList<>();
        for (int i = 0; i < result.sent().size(); i++) {
            Replayer.Sent sent = result.sent().get(i);
            Notification n = sent.notification();
            plot.addDomainMarker(marker(sent.time(), n));
            String coin = n.subject();
            Double value = valueAt(shown, sent.time(), coin);
            if (value == null) {
                continue;
            }
            double x = (sent.time().toEpochMilli() - from) / span;
            int level = 0;
            for (double[] other : placed) {
                if (Math.abs(other[0] - x) < CLOSE && other[1] >= level) {
                    level = (int) other[1] + 1;
                }
            }
            placed.add(new double[] {x, level});
            XYPointerAnnotation number = new XYPointerAnnotation(Integer.toString(i + 1), sent.time().toEpochMilli(),
                    coin == null ? value / 1e9 : value, ANGLES[level % ANGLES.length]);
            number.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
            number.setPaint(color(n));
            number.setArrowPaint(Color.DARK_GRAY);
            number.setTextAnchor(TextAnchor.BOTTOM_CENTER);
            // Straight up, then up-right, then up-left, each further out: no arrow crosses another number.
            number.setBaseRadius(16 + 14 * level);
            number.setTipRadius(3);
            number.setBackgroundPaint(new Color(255, 255, 255, 220));
            int index = coin == null ? 0 : 2 + coins.indexOf(coin);
            ((XYLineAndShapeRenderer) plot.getRenderer(index)).addAnnotation(number);
        }
    }

    /** Each notification by its number: when, what kind, and its headline (which says "lowest in N days of history" itself). */
    private static LegendTitle notificationList(Replayer.Result result) {
        LegendItemCollection items = new LegendItemCollection();
        SimpleDateFormat minutes = format("yyyy-MM-dd HH:mm");
        for (int i = 0; i < result.sent().size(); i++) {
            Replayer.Sent sent = result.sent().get(i);
            Notification n = sent.notification();
            // UTC, as the time axis says.
            LegendItem item = new LegendItem(String.format(Locale.ROOT, "%d  %s  %s  %s", i + 1,
                    minutes.format(Date.from(sent.time())), n.kind(), n.headline()), null, null, null,
                    new Ellipse2D.Double(-3, -3, 6, 6), color(n));
            items.add(item);
        }
        int rows = (items.getItemCount() + LIST_ITEMS_PER_ROW - 1) / LIST_ITEMS_PER_ROW;
        LegendTitle list = new LegendTitle(() -> items, new GridArrangement(rows, LIST_ITEMS_PER_ROW),
                new GridArrangement(rows, LIST_ITEMS_PER_ROW));
        list.setPosition(RectangleEdge.BOTTOM);
        list.setHorizontalAlignment(HorizontalAlignment.LEFT);
        list.setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        list.setFrame(BlockBorder.NONE);
        list.setMargin(new RectangleInsets(4, 8, 4, 8));
        return list;
    }

    /** Tick labels that always carry the year: a short range of a long-gone year is still dated. */
    static TickUnits tickUnitsWithYears() {
        TickUnits units = new TickUnits();
        SimpleDateFormat hours = format("d MMM yyyy HH:mm");
        SimpleDateFormat days = format("d MMM yyyy");
        SimpleDateFormat months = format("MMM yyyy");
        SimpleDateFormat years = format("yyyy");
        for (int n : new int[] {1, 2, 3, 6, 12}) {
            units.add(new DateTickUnit(DateTickUnitType.HOUR, n, hours));
        }
        for (int n : new int[] {1, 2, 7, 14}) {
            units.add(new DateTickUnit(DateTickUnitType.DAY, n, days));
        }
        for (int n : new int[] {1, 2, 3, 6}) {
            units.add(new DateTickUnit(DateTickUnitType.MONTH, n, months));
        }
        for (int n : new int[] {1, 2, 5, 10}) {
            units.add(new DateTickUnit(DateTickUnitType.YEAR, n, years));
        }
        return units;
    }

    static SimpleDateFormat format(String pattern) {
        SimpleDateFormat format = new SimpleDateFormat(pattern, Locale.ENGLISH);
        format.setTimeZone(UTC);
        return format;
    }

    private static String day(Instant time) {
        return format("d MMM yyyy").format(Date.from(time));
    }

    static XYLineAndShapeRenderer line(Color color, float width) {
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        // One path per series, not one element per segment: a fifth of the SVG.
        renderer.setDrawSeriesLineAsPath(true);
        renderer.setSeriesPaint(0, color);
        renderer.setSeriesStroke(0, new BasicStroke(width));
        return renderer;
    }

    private static Color color(Notification n) {
        return n.rule().equals(CoinLowRule.NAME) ? COINS[0].darker() : BAND.darker();
    }

    /** A thin vertical line at each notification. */
    private static ValueMarker marker(Instant time, Notification n) {
        ValueMarker marker = new ValueMarker(time.toEpochMilli());
        marker.setPaint(color(n));
        marker.setStroke(new BasicStroke(0.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {2f, 3f}, 0f));
        return marker;
    }

    /**
     * The readings the guard discarded: a run of readings that agreed with each other but not with
     * the market is reported once, from its {@code since} to its last reading.
     */
    private record Discarded(List<SuspectReading> runs) {

        static Discarded of(List<SuspectReading> suspects) {
            return new Discarded(suspects.stream().filter(s -> s.status() == SuspectReading.Status.DISCARDED
                    || s.status() == SuspectReading.Status.DROPPED).toList());
        }

        boolean contains(String subject, Instant time) {
            for (SuspectReading run : runs) {
                Instant from = run.since() != null ? run.since() : run.time();
                if (Objects.equals(run.subject(), subject) && !time.isBefore(from) && !time.isAfter(run.time())) {
                    return true;
                }
            }
            return false;
        }

    }

    private static Double valueAt(List<Observation> rows, Instant time, String coin) {
        for (Observation row : rows) {
            if (row.time().equals(time)) {
                return coin == null ? row.totalMarketCapUsd() : row.prices().get(coin);
            }
        }
        return null;
    }
}
