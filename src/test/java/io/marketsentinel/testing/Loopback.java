package io.marketsentinel.testing;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Extension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/** Servers for the tests, on 127.0.0.1 only. */
public final class Loopback {

    private Loopback() {
    }

    /** A started WireMock server on 127.0.0.1 and a free port, with {@code extensions} (seams such as {@link Arrivals}). */
    public static WireMockServer wireMock(Extension... extensions) {
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().extensions(extensions));
        server.start();
        return server;
    }

    /** A port nothing listens on right now: for a server to start on, or to prove "unreachable". */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
