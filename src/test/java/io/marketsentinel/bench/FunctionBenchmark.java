package io.marketsentinel.bench;

import io.marketsentinel.testing.DefaultSettings;
import io.marketsentinel.testing.Loopback;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.marketsentinel.alerting.AlertLedger;
import io.marketsentinel.alerting.Evaluator;
import io.marketsentinel.alerting.Outbox;
import io.marketsentinel.alerting.SentinelState;
import io.marketsentinel.history.History;
import io.marketsentinel.rules.CoinLowRule;
import io.marketsentinel.rules.MarketDrawdownRule;
import io.marketsentinel.store.StateCodec;
import io.marketsentinel.testing.CoinGeckoStubs;
import io.marketsentinel.testing.DynamoDbLocal;
import io.marketsentinel.testing.Events;
import io.marketsentinel.testing.FakeLambdaRuntime;
import io.marketsentinel.testing.PackagedFunction;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * The benchmark of the packaged function ({@code ./mvnw -Pbench verify}): the function and two
 * reference functions built here with the same Quarkus — one GET through a Quarkus REST Client per
 * invocation (the floor for this stack), and a bare echo — are started as Lambda's Java
 * runtime starts them (AWS's runtime interface client, a Lambda Runtime API on 127.0.0.1), with
 * CoinGecko- and Slack-shaped servers on loopback. It prints each figure, its ratio to the
 * reference where one applies, and the budgets as PASS/FAIL. It is not a test and fails nothing.
 */
public final class FunctionBenchmark {

    static final List<String> JVM_OPTIONS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC", "-Xmx400m");
    static final int COLD_STARTS = 11;
    static final int WARM_UP = 30;
    static final int WARM_RUNS = 300;
    static final List<String> FIVE_COINS = List.of("bitcoin", "ethereum", "solana", "ripple", "cardano");
    static final ObjectMapper JSON = new ObjectMapper();
    static final String DYNAMO_TABLE = "market-sentinel-bench";

    private final Path target = Path.of("target").toAbsolutePath();
    private final Path runtimeJars = target.resolve("lambda-runtime");
    private final List<String[]> table = new ArrayList<>();
    private final List<String[]> budgets = new ArrayList<>();
    private WireMockServer coinGecko;
    private WireMockServer slack;
    private String lastColdAnswer;

    public static void main(String[] args) throws Exception {
        new FunctionBenchmark().run(args.length > 0 ? args[0] : "3.34.1");
    }

    void run(String quarkusVersion) throws Exception {
        coinGecko = Loopback.wireMock();
        slack = Loopback.wireMock();
        slack.stubFor(post(urlPathEqualTo("/services/T0/B0/x")).willReturn(aResponse().withStatus(200).withBody("ok")));
        stubMarket(FIVE_COINS);
        try {
            Path ours = PackagedFunction.unpack(target.resolve("function.zip"), target.resolve("bench-task"));
            Path restClient = PackagedFunction.unpack(buildReference(quarkusVersion, "rest-client-lambda", "FetchHandler",
                    REST_CLIENT_DEPENDENCY), target.resolve("bench-reference-rest-task"));
            Path echo = PackagedFunction.unpack(buildReference(quarkusVersion, "bare-lambda", "EchoHandler", ""),
                    target.resolve("bench-reference-task"));
            measure(ours, restClient, echo);
        } finally {
            coinGecko.stop();
            slack.stop();
        }
        print();
    }

    private void measure(Path ours, Path reference, Path echo) throws Exception {
        // Cold starts: a fresh process per sample, answering its first event. Ours finds a stored
        // state (as on Lambda, where the state outlives the instance), so its first check is steady state.
        Path state = target.resolve("bench-state/state.json");
        Files.deleteIfExists(state);
        Sample seed = start(ours, env(state, List.of("bitcoin")));
        JsonNode first = invokeJson(seed, scheduledEvent());
        int firstRunCalls = first.get("apiCallCount").asInt();
        seed.stop();

        List<Cold> refCold = new ArrayList<>();
        List<Cold> echoCold = new ArrayList<>();
        List<Cold> ourCold = new ArrayList<>();
        for (int i = 0; i < COLD_STARTS; i++) {
            refCold.add(coldStart(reference, referenceEnv(), "{\"ping\":1}"));
            echoCold.add(coldStart(echo, Map.of(), "{\"ping\":1}"));
            ourCold.add(coldStart(ours, env(state, List.of("bitcoin")), scheduledEvent()));
        }
        String firstCheckSteps = steps(lastColdAnswer);

        // As deployed the state is in DynamoDB, and the first check after a cold start also pays for
        // the AWS SDK. Shown for what it is; the budget above is the function's own start.
        List<Cold> dynamoCold = new ArrayList<>();
        List<Cold> unprimedCold = new ArrayList<>();
        String dynamoSteps;
        String unprimedSteps = "-";
        Warm dynamoWarm;
        try (DynamoDbLocal dynamo = DynamoDbLocal.start()) {
            dynamo.createTable(DYNAMO_TABLE);
            Map<String, String> dynamoEnv = dynamoEnv(dynamo, List.of("bitcoin"));
            Map<String, String> unprimedEnv = new HashMap<>(dynamoEnv);
            unprimedEnv.put("SENTINEL_PRIME", "false");
            Sample dynamoSeed = start(ours, dynamoEnv);
            invokeJson(dynamoSeed, scheduledEvent());
            dynamoSeed.stop();
            for (int i = 0; i < COLD_STARTS; i++) {
                unprimedCold.add(coldStart(ours, unprimedEnv, scheduledEvent()));
                unprimedSteps = steps(lastColdAnswer);
                dynamoCold.add(coldStart(ours, dynamoEnv, scheduledEvent()));
            }
            dynamoSteps = steps(lastColdAnswer);
            dynamoWarm = warm(ours, dynamoEnv, scheduledEvent(), true, 100);
        }

        Warm ref = warm(reference, referenceEnv(), "{\"ping\":1}", false, WARM_RUNS);
        Warm echoWarm = warm(echo, Map.of(), "{\"ping\":1}", false, WARM_RUNS);
        Warm our = warm(ours, env(state, List.of("bitcoin")), scheduledEvent(), true, WARM_RUNS);

        stubMarket(FIVE_COINS);
        Path state5 = target.resolve("bench-state/state-5.json");
        Files.deleteIfExists(state5);
        Sample five = start(ours, env(state5, FIVE_COINS));
        int firstRunCalls5 = invokeJson(five, scheduledEvent()).get("apiCallCount").asInt();
        int steady5 = steadyCalls(five);
        five.stop();
        Sample one = start(ours, env(state, List.of("bitcoin")));
        int steady1 = steadyCalls(one);
        one.stop();

        int size1 = twoYearStateSize(List.of("bitcoin"));
        int size5 = twoYearStateSize(FIVE_COINS);
        String bounded = StateSizes.threeYearsWithFiftyDeadLetters();

        row("first check after a cold start (file store), steps in ms", firstCheckSteps, "-", "-");
        double refColdMs = median(totals(refCold));
        double ourColdMs = median(totals(ourCold));
        double echoColdMs = median(totals(echoCold));
        row("cold start to first completed check, file store (min / median / max of " + COLD_STARTS + ")",
                spread(totals(ourCold)), spread(totals(refCold)), ratio(ourColdMs, refColdMs));
        row("of which init (until the first poll), median", ms(median(inits(ourCold))), ms(median(inits(refCold))),
                ratio(median(inits(ourCold)), median(inits(refCold))));
        row("of which the first invocation, median", ms(median(firsts(ourCold))), ms(median(firsts(refCold))),
                ratio(median(firsts(ourCold)), median(firsts(refCold))));
        row("the same against the bare echo function (no REST client)", ms(ourColdMs), "echo: " + spread(totals(echoCold)),
                ratio(ourColdMs, echoColdMs));
        double dynamoColdMs = median(totals(dynamoCold));
        row("as deployed, state in DynamoDB Local, primed: cold start (min / median / max)", spread(totals(dynamoCold)),
                ms(refColdMs), ratio(dynamoColdMs, refColdMs));
        row("as deployed, primed: init / first invocation (medians)", ms(median(inits(dynamoCold))) + " / "
                + ms(median(firsts(dynamoCold))) + " (steps: " + dynamoSteps + ")", "-", "-");
        row("as deployed, not primed (SENTINEL_PRIME=false): init / first invocation (medians)",
                ms(median(inits(unprimedCold))) + " / " + ms(median(firsts(unprimedCold))) + " (steps: " + unprimedSteps + ")",
                "-", "-");
        row("as deployed: warm invocation p50 / p95", ms(dynamoWarm.p(50)) + " / " + ms(dynamoWarm.p(95))
                + " (steps p50: " + stepMedians(dynamoWarm) + ")", "-", "-");
        row("warm invocation p50, file store", ms(our.p(50)), ms(ref.p(50)) + " (echo " + ms(echoWarm.p(50)) + ")",
                ratio(our.p(50), ref.p(50)));
        row("warm invocation p95", ms(our.p(95)), ms(ref.p(95)) + " (echo " + ms(echoWarm.p(95)) + ")", ratio(our.p(95), ref.p(95)));
        row("warm invocation p99", ms(our.p(99)), ms(ref.p(99)) + " (echo " + ms(echoWarm.p(99)) + ")", ratio(our.p(99), ref.p(99)));
        row("peak resident memory (VmHWM)", mb(our.peakRssKb), mb(ref.peakRssKb), ratio(our.peakRssKb, ref.peakRssKb));
        row("in-check time excluding servers, p50 / p95", ms(our.overheadP(50)) + " / " + ms(our.overheadP(95)), "-", "-");
        row("check steps, p50 ms (fetch = the CoinGecko round trips)", stepMedians(our), "-", "-");
        row("CoinGecko calls, first run with bootstrap (1 coin / 5 coins)", firstRunCalls + " / " + firstRunCalls5, "-", "-");
        row("CoinGecko calls per run, steady state (1 coin / 5 coins)", steady1 + " / " + steady5, "-", "-");
        row("state after two years of 15-minute runs (1 coin / 5 coins)", kb(size1) + " / " + kb(size5), "-", "-");
        row("state after three years with 50 dead letters, as stored (1 / 5 / 20 coins; budget 300 KB)", bounded, "-", "-");
        row("the same with coin drawdowns on (7-day hourly highs per coin; 20 coins compacted to fit)",
                StateSizes.threeYearsWithCoinDrawdowns(), "-", "-");

        budget("steady state: exactly 2 CoinGecko calls per run, 1 and 5 coins", steady1 == 2 && steady5 == 2,
                steady1 + " and " + steady5);
        budget("cold start <= 1.3x the REST-client reference (file store, medians)", ourColdMs <= 1.3 * refColdMs,
                ratio(ourColdMs, refColdMs));
        double firstDeployed = median(firsts(dynamoCold));
        budget("as deployed: first invocation after init <= 2x the warm invocation (medians)",
                firstDeployed <= 2 * dynamoWarm.p(50), ms(firstDeployed) + " vs " + ms(dynamoWarm.p(50)) + ", "
                        + ratio(firstDeployed, dynamoWarm.p(50)));
        budget("in-check overhead <= 5 ms at p50", our.overheadP(50) <= 5, ms(our.overheadP(50)));
        budget("state <= 64 KB after two years (1 coin)", size1 <= 64 * 1024, kb(size1));
    }

    private static String stepMedians(Warm warm) {
        StringBuilder steps = new StringBuilder();
        warm.steps().forEach((step, values) -> steps.append(steps.length() == 0 ? "" : ", ").append(step).append(' ')
                .append(String.format(Locale.ROOT, "%.1f", percentile(values, 50))));
        return steps.toString();
    }

    /** Steady-state CoinGecko requests of one check, counted at the server. */
    private int steadyCalls(Sample sample) throws Exception {
        invokeJson(sample, scheduledEvent());
        coinGecko.resetRequests();
        JsonNode report = invokeJson(sample, scheduledEvent());
        int seen = coinGecko.getAllServeEvents().size();
        if (seen != report.get("apiCallCount").asInt()) {
            throw new IllegalStateException("server saw " + seen + " calls, report says " + report.get("apiCallCount"));
        }
        return seen;
    }

    /** One cold start: from the process's start to its first poll (init), then its first invocation. */
    private record Cold(double initMs, double firstMs) {
        double totalMs() {
            return initMs + firstMs;
        }
    }

    private static List<Double> totals(List<Cold> samples) {
        return samples.stream().map(Cold::totalMs).toList();
    }

    private static List<Double> inits(List<Cold> samples) {
        return samples.stream().map(Cold::initMs).toList();
    }

    private static List<Double> firsts(List<Cold> samples) {
        return samples.stream().map(Cold::firstMs).toList();
    }

    private static String spread(List<Double> values) {
        return String.format(Locale.ROOT, "%.1f / %.1f / %.1f ms", Collections.min(values), median(values),
                Collections.max(values));
    }

    private Map<String, String> referenceEnv() {
        return Map.of("QUARKUS_REST_CLIENT_FETCH_URL", "http://127.0.0.1:" + coinGecko.port() + CoinGeckoStubs.BASE);
    }

    private Cold coldStart(Path task, Map<String, String> env, String event) throws Exception {
        stubMarket(FIVE_COINS);
        readAll(task);
        readAll(runtimeJars);
        FakeLambdaRuntime runtime = new FakeLambdaRuntime();
        Map<String, String> all = new HashMap<>(env);
        all.put("AWS_LAMBDA_RUNTIME_API", runtime.address());
        Path log = target.resolve("bench-cold.log");
        long t0 = System.nanoTime();
        Process p = PackagedFunction.start(PackagedFunction.launch(task, runtimeJars, JVM_OPTIONS, handler(task)), all, log);
        try {
            long polled = runtime.awaitFirstPoll(Duration.ofSeconds(60));
            FakeLambdaRuntime.Result r = invokeRaw(runtime, event, log);
            if (!r.ok()) {
                throw new IllegalStateException("cold start failed: " + r.body());
            }
            lastColdAnswer = env.containsKey("SENTINEL_COINS") ? r.body() : lastColdAnswer;
            return new Cold((polled - t0) / 1e6, r.nanos() / 1e6);
        } finally {
            p.destroy();
            p.waitFor();
            runtime.close();
        }
    }

    /**
     * Reads every file of the function and the runtime client before a start, for both functions:
     * the same start from the file cache every time. (This machine's memory reclaimer evicts the
     * jars between samples, which made the samples bimodal by ~0.3 s.)
     */
    private static void readAll(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                Files.readAllBytes(file);
            }
        }
    }

    private record Warm(List<Double> latencies, List<Double> overheads, long peakRssKb, Map<String, List<Double>> steps) {
        double p(int percentile) {
            return percentile(latencies, percentile);
        }

        double overheadP(int percentile) {
            return percentile(overheads, percentile);
        }
    }

    private Warm warm(Path task, Map<String, String> env, String event, boolean report, int runs) throws Exception {
        stubMarket(FIVE_COINS);
        Sample s = start(task, env);
        try {
            for (int i = 0; i < WARM_UP; i++) {
                invokeRaw(s.runtime, event, s.log);
            }
            List<Double> latencies = new ArrayList<>();
            List<Double> overheads = new ArrayList<>();
            Map<String, List<Double>> steps = new LinkedHashMap<>();
            for (int i = 0; i < runs; i++) {
                FakeLambdaRuntime.Result r = invokeRaw(s.runtime, event, s.log);
                latencies.add(r.nanos() / 1e6);
                if (report) {
                    JsonNode json = JSON.readTree(r.body());
                    overheads.add(inCheckMillis(json));
                    json.get("timingsMs").fields().forEachRemaining(e ->
                            steps.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue().asDouble()));
                }
            }
            return new Warm(latencies, overheads, peakRssKb(s.process.pid()), steps);
        } finally {
            s.stop();
        }
    }

    /** The check's own time: its total less the time spent waiting for CoinGecko and the channels. */
    static double inCheckMillis(JsonNode report) {
        double total = report.get("timingsMs").get("total").asDouble();
        double waiting = 0;
        for (JsonNode call : report.get("apiCalls")) {
            waiting += call.get("millis").asDouble();
        }
        waiting += report.get("timingsMs").path("deliver").asDouble(0);
        return Math.max(0, total - waiting);
    }

    private record Sample(Process process, FakeLambdaRuntime runtime, Path log) {
        void stop() throws InterruptedException {
            process.destroy();
            process.waitFor();
            runtime.close();
        }
    }

    /** Ours starts through its own entry; the references (built from templates) through Quarkus' stream handler. */
    private static String handler(Path task) {
        return task.getFileName().toString().equals("bench-task") ? PackagedFunction.HANDLER : PackagedFunction.QUARKUS_HANDLER;
    }

    private Sample start(Path task, Map<String, String> env) throws Exception {
        FakeLambdaRuntime runtime = new FakeLambdaRuntime();
        Map<String, String> all = new HashMap<>(env);
        all.put("AWS_LAMBDA_RUNTIME_API", runtime.address());
        Path log = target.resolve("bench-" + task.getFileName() + ".log");
        Process p = PackagedFunction.start(PackagedFunction.launch(task, runtimeJars, JVM_OPTIONS, handler(task)), all, log);
        runtime.awaitFirstPoll(Duration.ofSeconds(60));
        return new Sample(p, runtime, log);
    }

    private static FakeLambdaRuntime.Result invokeRaw(FakeLambdaRuntime runtime, String event, Path log) throws Exception {
        try {
            return runtime.invoke(event, Duration.ofSeconds(60));
        } catch (Exception e) {
            throw new IllegalStateException("no answer; function log:\n" + PackagedFunction.output(log), e);
        }
    }

    private static JsonNode invokeJson(Sample s, String event) throws Exception {
        FakeLambdaRuntime.Result r = invokeRaw(s.runtime, event, s.log);
        if (!r.ok()) {
            throw new IllegalStateException("invocation failed: " + r.body());
        }
        return JSON.readTree(r.body());
    }

    private static String steps(String report) throws IOException {
        return report == null ? "-" : JSON.readTree(report).get("timingsMs").toString();
    }

    private Map<String, String> dynamoEnv(DynamoDbLocal dynamo, List<String> coins) {
        Map<String, String> env = env(target.resolve("bench-state/unused.json"), coins);
        env.putAll(dynamo.functionEnv(DYNAMO_TABLE));
        return env;
    }

    private Map<String, String> env(Path state, List<String> coins) {
        Map<String, String> env = new HashMap<>();
        env.put("SENTINEL_COINGECKO_BASE_URL", "http://127.0.0.1:" + coinGecko.port() + CoinGeckoStubs.BASE);
        env.put("SENTINEL_STORE_FILE_PATH", state.toString());
        env.put("SENTINEL_COINS", String.join(",", coins));
        env.put("SENTINEL_NOTIFY_SLACK_WEBHOOK_URL", "http://127.0.0.1:" + slack.port() + "/services/T0/B0/x");
        return env;
    }

    private void stubMarket(List<String> coins) {
        Instant now = Instant.now();
        CoinGeckoStubs.global(coinGecko, 3.0e12, now);
        Map<String, Double> prices = new LinkedHashMap<>();
        coins.forEach(c -> prices.put(c, 100.0 + c.length()));
        CoinGeckoStubs.prices(coinGecko, prices, now);
        for (String coin : coins) {
            CoinGeckoStubs.dailyChart(coinGecko, coin, now, 365, 90.0, Map.of());
        }
    }

    private static String scheduledEvent() {
        return Events.fixture("scheduled-event.json");
    }

    /** Quarkus REST Client with Jackson, as the function uses it. */
    static final String REST_CLIENT_DEPENDENCY = "        <dependency>\n            <groupId>io.quarkus</groupId>\n"
            + "            <artifactId>quarkus-rest-client-jackson</artifactId>\n        </dependency>";

    /** Builds a reference function with the same Quarkus, once per build. */
    private Path buildReference(String quarkusVersion, String name, String handler, String extraDependencies)
            throws Exception {
        Path dir = target.resolve("bench-" + name);
        Path zip = dir.resolve("target/function.zip");
        if (Files.exists(zip)) {
            return zip;
        }
        Files.createDirectories(dir.resolve("src/main/java/bench"));
        Files.writeString(dir.resolve("pom.xml"), resource("pom.xml.template").replace("@QUARKUS_VERSION@", quarkusVersion)
                .replace("@NAME@", name).replace("@EXTRA_DEPENDENCIES@", extraDependencies));
        Files.writeString(dir.resolve("src/main/java/bench/" + handler + ".java"), resource(handler + ".java.template"));
        Path mvnw = Path.of("mvnw").toAbsolutePath();
        Process build = new ProcessBuilder(mvnw.toString(), "-B", "-q", "-f", dir.resolve("pom.xml").toString(),
                "package", "-DskipTests").inheritIO().start();
        if (build.waitFor() != 0) {
            throw new IllegalStateException("the reference function " + name + " did not build");
        }
        return zip;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = FunctionBenchmark.class.getResourceAsStream("/bench/reference/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The stored state after two years of 15-minute runs, through the real history, rules, ledger and codec. */
    static int twoYearStateSize(List<String> coins) {
        Evaluator evaluator = new Evaluator(List.of(new MarketDrawdownRule(DefaultSettings.drawdown()),
                new CoinLowRule(DefaultSettings.low(coins))), Optional.empty());
        AlertLedger ledger = AlertLedger.empty();
        History history = History.empty();
        Outbox outbox = Outbox.empty();
        Instant t = Instant.parse("2024-02-01T00:00:00Z");
        int runs = 2 * 365 * 96;
        for (int i = 0; i < runs; i++) {
            double wave = Math.sin(i / 500.0) * 0.04;
            Map<String, Double> prices = new HashMap<>();
            for (int c = 0; c < coins.size(); c++) {
                prices.put(coins.get(c), (1000.0 * (c + 1)) * (1 + wave * 2));
            }
            history = history.record(t, 3.0e12 * (1 + wave), prices, Duration.ofDays(8), DefaultSettings.guard()).history();
            outbox = outbox.add(evaluator.evaluate(history, ledger, t, List.of("slack")).notifications());
            t = t.plus(Duration.ofMinutes(15));
        }
        SentinelState state = new SentinelState(0, history, new ArrayList<>(ledger.episodes().values()), outbox, t, null);
        return new StateCodec().encode(state).length;
    }

    private static long peakRssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    static double percentile(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    static double median(List<Double> values) {
        return percentile(values, 50);
    }

    private void row(String figure, String ours, String reference, String ratio) {
        table.add(new String[] {figure, ours, reference, ratio});
    }

    private void budget(String name, boolean pass, String measured) {
        budgets.add(new String[] {pass ? "PASS" : "FAIL", name, measured});
    }

    private void print() throws IOException {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%nmarket-sentinel benchmark, %s, %d cores, %s, Java %s, JVM options %s%n%n",
                LocalDate.now(ZoneOffset.UTC), Runtime.getRuntime().availableProcessors(), InetAddress.getLocalHost().getHostName(),
                System.getProperty("java.version"), String.join(" ", JVM_OPTIONS)));
        out.append("| figure | market-sentinel | REST-client Quarkus Lambda | ratio |\n|---|---|---|---|\n");
        for (String[] r : table) {
            out.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        out.append("\nbudgets:\n");
        for (String[] b : budgets) {
            out.append(String.format(Locale.ROOT, "  %s  %s (measured: %s)%n", b[0], b[1], b[2]));
        }
        System.out.print(out);
        Files.writeString(target.resolve("benchmark.md"), out.toString());
        System.out.println("\n(written to target/benchmark.md)");
    }

    private static String ms(double v) {
        return String.format(Locale.ROOT, "%.1f ms", v);
    }

    private static String mb(long kb) {
        return String.format(Locale.ROOT, "%.0f MB", kb / 1024.0);
    }

    private static String kb(int bytes) {
        return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }

    private static String ratio(double ours, double reference) {
        return String.format(Locale.ROOT, "%.2fx", ours / reference);
    }
}
