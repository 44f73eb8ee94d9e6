package io.marketsentinel.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An SMTP server on 127.0.0.1 that answers every RCPT TO with one fixed reply (a 550 "no such
 * user", a 451 "try again later"): the replies GreenMail never gives. It speaks just enough SMTP
 * for a client to get there, and records the commands it saw.
 */
public final class RefusingSmtpServer implements AutoCloseable {

    private final ServerSocket socket;
    private final String rcptReply;
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private final long replyDelayMillis;

    public RefusingSmtpServer(String rcptReply) {
        this(rcptReply, 0);
    }

    /** A server that also waits {@code replyDelayMillis} before each reply (a slow relay: every command takes that long). */
    public RefusingSmtpServer(String rcptReply, long replyDelayMillis) {
        this.rcptReply = rcptReply;
        this.replyDelayMillis = replyDelayMillis;
        try {
            socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor = new Thread(this::serve, "refusing-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** The commands received, upper-cased verbs first ("EHLO …", "MAIL FROM:…"). */
    public List<String> commands() {
        return List.copyOf(commands);
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                converse(client);
            } catch (IOException e) {
                // closed, or the client went away: wait for the next one
            }
        }
    }

    private void converse(Socket client) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = client.getOutputStream();
        reply(out, "220 127.0.0.1 ESMTP refusing");
        String line;
        while ((line = in.readLine()) != null) {
            commands.add(line);
            String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
            switch (verb) {
                case "EHLO", "HELO" -> reply(out, "250 127.0.0.1");
                case "MAIL", "RSET", "NOOP" -> reply(out, "250 OK");
                case "RCPT" -> reply(out, rcptReply);
                case "QUIT" -> {
                    reply(out, "221 bye");
                    return;
                }
                default -> reply(out, "502 not implemented");
            }
        }
    }

    private void reply(OutputStream out, String line) throws IOException {
        if (replyDelayMillis > 0) {
            try {
                Thread.sleep(replyDelayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() {
        try {
            socket.close();
            acceptor.join(2_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
