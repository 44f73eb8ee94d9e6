package io.marketsentinel.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Lambda Runtime API on 127.0.0.1, as the Lambda service offers it to a function: the function
 * long-polls {@code /invocation/next} for an event and posts its result or error back. Tests and
 * the benchmark hand it events with {@link #invoke} and get what the function answered.
 */
public final class FakeLambdaRuntime implements AutoCloseable {

    private static final String PREFIX = "/2018-06-01/runtime/";

    /** What the function answered to one event. */
    public record Result(boolean ok, String body, long nanos) {
    }

    private record Pending(String id, String event, long startNanos, CompletableFuture<Result> result) {
    }

    private final HttpServer server;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Map<String, Pending> inFlight = new ConcurrentHashMap<>();
    private final CompletableFuture<Long> firstPoll = new CompletableFuture<>();
    private final CompletableFuture<String> initError = new CompletableFuture<>();
    /** The invocation's time limit, sent as Lambda sends it (the Lambda-Runtime-Deadline-Ms header). */
    private volatile Duration invocationTimeout = Duration.ofSeconds(60);

    static {
        // Without it the JDK's server waits on Nagle's algorithm and every answer takes ~40 ms more.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    public FakeLambdaRuntime() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(PREFIX, this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    /** Each invocation from now on gets this time limit, as a function's configured timeout. */
    public void invocationTimeout(Duration timeout) {
        this.invocationTimeout = timeout;
    }

    /** The value of {@code AWS_LAMBDA_RUNTIME_API} for the function. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Waits for the function's first poll; returns its {@link System#nanoTime()}. */
    public long awaitFirstPoll(Duration timeout) throws Exception {
        CompletableFuture<Object> either = CompletableFuture.anyOf(firstPoll, initError);
        Object got = either.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (got instanceof String error) {
            throw new IllegalStateException("function failed to initialise: " + error);
        }
        return (Long) got;
    }

    /** Hands the function one event and waits for its answer. */
    public Result invoke(String event, Duration timeout) throws Exception {
        Pending pending = new Pending(UUID.randomUUID().toString(), event, System.nanoTime(), new CompletableFuture<>());
        queue.put(pending);
        return pending.result().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
        byte[] body = exchange.getRequestBody().readAllBytes();
        try {
            if (path.equals("invocation/next") && exchange.getRequestMethod().equals("GET")) {
                firstPoll.complete(System.nanoTime());
                Pending next = queue.take();
                inFlight.put(next.id(), next);
                exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", next.id());
                exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms",
                        Long.toString(System.currentTimeMillis() + invocationTimeout.toMillis()));
                exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn",
                        "arn:aws:lambda:us-east-1:123456789012:function:market-sentinel");
                exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000");
                respond(exchange, 200, next.event());
            } else if (path.equals("init/error")) {
                initError.complete(new String(body, StandardCharsets.UTF_8));
                respond(exchange, 202, "{}");
            } else if (path.startsWith("invocation/") && (path.endsWith("/response") || path.endsWith("/error"))) {
                String id = path.substring("invocation/".length(), path.lastIndexOf('/'));
                Pending done = inFlight.remove(id);
                if (done != null) {
                    done.result().complete(new Result(path.endsWith("/response"), new String(body, StandardCharsets.UTF_8),
                            System.nanoTime() - done.startNanos()));
                }
                respond(exchange, 202, "{}");
            } else {
                respond(exchange, 404, "{}");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            respond(exchange, 500, "{}");
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
