package io.marketsentinel.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * For priming only: a server on 127.0.0.1 that answers with canned bodies, so that init can make
 * the REST clients' first real requests (connection, Vert.x and Netty's first I/O, Jackson) without
 * calling CoinGecko or Slack. The JDK's own small server, since nothing else here serves HTTP.
 */
public final class LoopbackStub implements AutoCloseable {

    /** A canned answer. */
    public record Answer(int status, String contentType, String body) {
    }

    private final HttpServer server;

    /** Starts a server answering each request with {@code answers.apply("METHOD /path")}. */
    public LoopbackStub(Function<String, Answer> answers) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> answer(exchange, answers.apply(
                exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath())));
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void answer(HttpExchange exchange, Answer answer) throws IOException {
        exchange.getRequestBody().readAllBytes();
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", answer.contentType());
        exchange.sendResponseHeaders(answer.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
