package io.marketsentinel.replay;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYPointerAnnotation;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The replay chart as a reader meets it: numbered, listed, dated, without the glitches the rules left out. */
class ChartRendererTest {

    private static Replayer.Result twentyMonths;
    private static Replayer.Result sixDays;

    @BeforeAll
    static void replay() throws Exception {
        System.setProperty("java.awt.headless", "true");
        HistoryCsv.Parsed synthetic = HistoryCsv.read(new StringReader(SyntheticMarket.csv()), "synthetic.csv");
        twentyMonths = new Replayer(ReplayScenarioTest.defaults(synthetic.coins())).run(synthetic.rows(), Optional.empty());
        HistoryCsv.Parsed crash = HistoryCsv.read(new StringReader(Files.readString(ReplayScenarioTest.SHIPPED)), "crash.csv");
        sixDays = new Replayer(ReplayScenarioTest.defaults(crash.coins()))
                .run(crash.rows(), Optional.of(Instant.parse("2026-02-03T00:00:00Z")));
    }

    @Test
    void everyNotificationIsANumberOnThePlotAndALineInTheListUnderIt() {
        JFreeChart chart = ChartRenderer.chart(twentyMonths);

        List<String> numbers = numbers(chart).stream().map(XYPointerAnnotation::getText).toList();
        List<String> listed = listed(chart);

        assertThat(twentyMonths.sent()).hasSizeGreaterThan(10);
        assertThat(numbers).hasSize(twentyMonths.sent().size())
                .allMatch(text -> text.matches("\\d+"), "short numbers, not sentences that run off the plot");
        assertThat(listed).hasSize(twentyMonths.sent().size());
        for (int i = 0; i < listed.size(); i++) {
            assertThat(listed.get(i)).startsWith((i + 1) + "  ").endsWith(twentyMonths.sent().get(i).notification().headline());
        }
    }

    @Test
    void aLowBeyondTheHistoryIsListedAsSuchNotAsLowestSinceTheFirstDay() {
        List<String> listed = listed(ChartRenderer.chart(twentyMonths));

        assertThat(listed).anyMatch(line -> line.contains("lowest in 545 days of history"));
        assertThat(listed).noneMatch(line -> line.contains("lowest since 2024-07-01"));
    }

    @Test
    void numbersCloseInTimeAreNeverDrawnInTheSamePlace() {
        List<XYPointerAnnotation> numbers = numbers(ChartRenderer.chart(twentyMonths));
        double span = twentyMonths.rows().get(twentyMonths.rows().size() - 1).time().toEpochMilli()
                - twentyMonths.rows().get(0).time().toEpochMilli();

        int closePairs = 0;
        for (int i = 0; i < numbers.size(); i++) {
            for (int j = i + 1; j < numbers.size(); j++) {
                XYPointerAnnotation a = numbers.get(i);
                XYPointerAnnotation b = numbers.get(j);
                if (Math.abs(a.getX() - b.getX()) < 0.02 * span) {
                    closePairs++;
                    assertThat(a.getAngle() != b.getAngle() || a.getBaseRadius() != b.getBaseRadius())
                            .as("numbers %s and %s, %s apart", a.getText(), b.getText(), Math.abs(a.getX() - b.getX()))
                            .isTrue();
                }
            }
        }
        assertThat(closePairs).as("the synthetic market has notifications hours apart").isPositive();
    }

    @Test
    void readingsTheGuardDiscardedAreLeftOutOfTheLines() {
        XYPlot plot = ChartRenderer.chart(twentyMonths).getXYPlot();
        XYDataset totals = plot.getDataset(0);
        XYDataset bitcoin = plot.getDataset(2);

        // The synthetic market's glitches: a total of $193B (three readings), one of $6,620B, a $1 and a $187,315 bitcoin.
        assertThat(values(totals)).allMatch(billions -> billions > 1_000 && billions < 5_000);
        assertThat(values(bitcoin)).allMatch(price -> price > 10_000 && price < 150_000);
        assertThat(ChartRenderer.chart(twentyMonths).getSubtitles()).filteredOn(TextTitle.class::isInstance)
                .extracting(t -> ((TextTitle) t).getText()).anyMatch(text -> text.startsWith("9 readings the plausibility guard discarded"));
    }

    @Test
    void theTimeAxisCarriesTheYearOnAShortRangeAndALongOne() {
        for (Replayer.Result result : List.of(sixDays, twentyMonths)) {
            JFreeChart chart = ChartRenderer.chart(result);
            chart.createBufferedImage(1200, ChartRenderer.height(result));
            DateAxis axis = (DateAxis) chart.getXYPlot().getDomainAxis();
            String label = axis.getTickUnit().valueToString(axis.getLowerBound());
            assertThat(label).as("a tick label of %s", axis.getTickUnit()).containsPattern("20\\d\\d");
        }
    }

    @Test
    void aFileOfPricesOnlyHasNoMarketAxisNorLegendForIt() throws Exception {
        StringBuilder csv = new StringBuilder("timestamp,bitcoin_usd\n");
        for (int day = 0; day < 200; day++) {
            csv.append(LocalDate.parse("2025-01-01").plusDays(day)).append(',').append(90_000 - day * 50).append('\n');
        }
        HistoryCsv.Parsed prices = HistoryCsv.read(new StringReader(csv.toString()), "prices.csv");
        Replayer.Result result = new Replayer(ReplayScenarioTest.defaults(prices.coins())).run(prices.rows(), Optional.empty());

        JFreeChart chart = ChartRenderer.chart(result);
        chart.createBufferedImage(1200, ChartRenderer.height(result));

        assertThat(chart.getXYPlot().getRangeAxis(0).isVisible()).isFalse();
        LegendItemCollection series = chart.getXYPlot().getLegendItems();
        assertThat(series.getItemCount()).isEqualTo(1);
        assertThat(series.get(0).getLabel()).isEqualTo("Bitcoin (USD, right axis)");
        assertThat(listed(chart)).singleElement().asString().endsWith("lowest in 90 days of history");
    }

    @Test
    void theImageGrowsWithTheListSoThePlotKeepsItsHeight() {
        assertThat(ChartRenderer.height(twentyMonths)).isGreaterThan(ChartRenderer.height(sixDays));
        assertThat(ChartRenderer.height(sixDays)).isGreaterThan(600);
    }

    private static List<XYPointerAnnotation> numbers(JFreeChart chart) {
        XYPlot plot = chart.getXYPlot();
        List<XYPointerAnnotation> numbers = new ArrayList<>();
        for (int i = 0; i < plot.getRendererCount(); i++) {
            if (plot.getRenderer(i) instanceof XYLineAndShapeRenderer renderer) {
                for (Object a : renderer.getAnnotations()) {
                    numbers.add((XYPointerAnnotation) a);
                }
            }
        }
        numbers.sort((a, b) -> Integer.compare(Integer.parseInt(a.getText()), Integer.parseInt(b.getText())));
        return numbers;
    }

    private static List<String> listed(JFreeChart chart) {
        LegendTitle list = null;
        for (Object title : chart.getSubtitles()) {
            if (title instanceof LegendTitle legend) {
                list = legend;
            }
        }
        assertThat(list).as("the list of notifications under the plot").isNotNull();
        List<String> lines = new ArrayList<>();
        LegendItemCollection items = list.getSources()[0].getLegendItems();
        for (int i = 0; i < items.getItemCount(); i++) {
            lines.add(items.get(i).getLabel());
        }
        return lines;
    }

    private static List<Double> values(XYDataset data) {
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < data.getItemCount(0); i++) {
            values.add(data.getYValue(0, i));
        }
        return values;
    }
}
