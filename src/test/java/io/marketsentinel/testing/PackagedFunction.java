package io.marketsentinel.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the packaged JVM function ({@code target/function.zip}) the way Lambda's Java runtime
 * does: AWS's runtime interface client alone on the class path, started in the unpacked zip (the
 * task root, {@code /var/task} on Lambda), from which its own class loader loads the function and
 * {@code lib/}; it polls {@code AWS_LAMBDA_RUNTIME_API} and calls Quarkus' stream handler.
 */
public final class PackagedFunction {

    public static final String HANDLER = "io.marketsentinel.app.LambdaEntry::handleRequest";

    private PackagedFunction() {
    }

    /** Unpacks {@code zip} into {@code taskRoot} (once per build) and returns the task root. */
    public static Path unpack(Path zip, Path taskRoot) throws IOException {
        if (Files.exists(taskRoot.resolve(".unpacked")) && Files.getLastModifiedTime(taskRoot.resolve(".unpacked"))
                .compareTo(Files.getLastModifiedTime(zip)) >= 0) {
            return taskRoot;
        }
        Files.createDirectories(taskRoot);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                Path target = taskRoot.resolve(e.getName()).normalize();
                if (!target.startsWith(taskRoot)) {
                    throw new IOException("zip entry outside the task root: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Files.writeString(taskRoot.resolve(".unpacked"), "ok");
        return taskRoot;
    }

    /** A command and the task root it runs in. */
    public record Launch(Path taskRoot, List<String> command) {
    }

    /** The function under the runtime interface client found in {@code runtimeJars}. */
    /** Quarkus' own stream handler: the reference functions of the benchmark, which have no {@code LambdaEntry}. */
    public static final String QUARKUS_HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";

    public static Launch launch(Path taskRoot, Path runtimeJars, List<String> jvmOptions) throws IOException {
        return launch(taskRoot, runtimeJars, jvmOptions, HANDLER);
    }

    public static Launch launch(Path taskRoot, Path runtimeJars, List<String> jvmOptions, String handler) throws IOException {
        List<String> classPath = new ArrayList<>();
        try (Stream<Path> jars = Files.list(runtimeJars)) {
            jars.filter(p -> p.toString().endsWith(".jar")).sorted()
                    .forEach(p -> classPath.add(p.toAbsolutePath().toString()));
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-D" + JNI_PROPERTY + "=" + jniLibrary(taskRoot, runtimeJars));
        command.add("-cp");
        command.add(String.join(":", classPath));
        command.add("com.amazonaws.services.lambda.runtime.api.client.AWSLambda");
        command.add(handler);
        return new Launch(taskRoot.toAbsolutePath(), command);
    }

    /** The runtime client's own property: the JNI library to load instead of the one it unpacks. */
    private static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

    /**
     * The runtime client's JNI library, unpacked beside {@code taskRoot} (once). Left to itself the client
     * unpacks it to the one path {@code /tmp/.libaws-lambda-jni.so} at every start, so two functions starting
     * at once (the ITs run two at a time) can load a half-written file ("file too short") and never poll.
     */
    private static Path jniLibrary(Path taskRoot, Path runtimeJars) throws IOException {
        Path library = taskRoot.toAbsolutePath().resolveSibling(taskRoot.getFileName() + "-libaws-lambda-jni.so");
        if (Files.exists(library)) {
            return library;
        }
        String arch = System.getProperty("os.arch").matches("aarch64|arm64") ? "aarch_64" : "x86_64";
        Path client;
        try (Stream<Path> jars = Files.list(runtimeJars)) {
            client = jars.filter(p -> p.getFileName().toString().startsWith("aws-lambda-java-runtime-interface-client"))
                    .findFirst().orElseThrow(() -> new IOException("no runtime interface client in " + runtimeJars));
        }
        try (ZipFile jar = new ZipFile(client.toFile())) {
            ZipEntry entry = jar.getEntry("jni/libaws-lambda-jni.linux-" + arch + ".so");
            Path partial = Files.createTempFile(library.getParent(), "jni", ".part");
            try (InputStream in = jar.getInputStream(entry)) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(partial, library, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        return library;
    }

    /** Starts the function with {@code env} added to the environment Lambda would give it. */
    public static Process start(Launch launch, Map<String, String> env, Path log) throws IOException {
        // The runtime client loads the function from its working directory, as from /var/task on Lambda.
        ProcessBuilder builder = new ProcessBuilder(launch.command()).directory(launch.taskRoot().toFile());
        builder.environment().put("AWS_LAMBDA_FUNCTION_NAME", "market-sentinel");
        builder.environment().put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        builder.environment().put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
        builder.environment().put("AWS_REGION", "us-east-1");
        builder.environment().putAll(env);
        builder.redirectErrorStream(true);
        builder.redirectOutput(log.toFile());
        return builder.start();
    }

    /** Unpacks {@code target/function.zip} into {@code target/<name>} and returns that task root. */
    public static Path unpackFunction(String name) throws IOException {
        return unpack(Path.of("target/function.zip"), Path.of("target", name).toAbsolutePath());
    }

    /**
     * Starts the function in {@code taskRoot} against {@code runtime}, as Lambda's Java runtime
     * would, and returns once it polls for its first event.
     */
    public static Process startPolling(Path taskRoot, FakeLambdaRuntime runtime, Map<String, String> env, Path log)
            throws Exception {
        Map<String, String> all = new HashMap<>(env);
        all.put("AWS_LAMBDA_RUNTIME_API", runtime.address());
        Process process = start(launch(taskRoot, Path.of("target/lambda-runtime"), List.of()), all, log);
        runtime.awaitFirstPoll(Duration.ofSeconds(60));
        return process;
    }

    /**
     * The environment most packaged-function tests start from: CoinGecko at {@code coinGecko}, the state in
     * {@code state}, a drawdown notified at once, and the guard relaxed (the tests drop the market on purpose).
     */
    public static Map<String, String> crashEnv(WireMockServer coinGecko, Path state) {
        Map<String, String> env = new HashMap<>();
        env.put("SENTINEL_COINGECKO_BASE_URL", "http://127.0.0.1:" + coinGecko.port() + CoinGeckoStubs.BASE);
        env.put("SENTINEL_STORE_FILE_PATH", state.toString());
        env.put("SENTINEL_RULES_DRAWDOWN_FOR", "PT0S");
        env.put("SENTINEL_GUARD_STEP_PERCENT", "1000");
        env.put("SENTINEL_GUARD_MAX_PERCENT", "1000");
        return env;
    }

    /** The function's output so far, for a failing assertion's message. */
    public static String output(Path log) {
        try (InputStream in = Files.newInputStream(log)) {
            return new String(in.readAllBytes());
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** Stops what a packaged-function test started, whichever of it got started. */
    public static void stopAll(Process function, FakeLambdaRuntime runtime, WireMockServer... servers) {
        if (function != null) {
            function.destroy();
        }
        if (runtime != null) {
            runtime.close();
        }
        for (WireMockServer server : servers) {
            if (server != null) {
                server.stop();
            }
        }
    }

    /** One scheduled run with this market served in the next second; it must succeed (its log says why not). */
    public static JsonNode scheduled(FakeLambdaRuntime runtime, WireMockServer coinGecko, Path log, double totalBillions,
                                     double btc) throws Exception {
        CoinGeckoStubs.marketInNextSecond(coinGecko, totalBillions * 1e9, Map.of("bitcoin", btc));
        FakeLambdaRuntime.Result result = runtime.invoke(Events.fixture("scheduled-event.json"), Duration.ofSeconds(30));
        assertThat(result.ok()).as(result.body() + "\n" + output(log)).isTrue();
        return JSON.readTree(result.body());
    }

    private static final ObjectMapper JSON = new ObjectMapper();
}
