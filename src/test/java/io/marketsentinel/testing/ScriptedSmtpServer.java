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
 * An SMTP server on 127.0.0.1 that speaks just enough SMTP and answers as a test scripts it: one fixed
 * reply to every RCPT TO (a 550 "no such user", a 451 "try again later": replies GreenMail never gives),
 * and delays — {@code eachReply} before every reply, {@code dataAnswer} more before answering the
 * message data, {@code quit} before answering QUIT. A message counts as received only once the client
 * was still there for its 250 (it went on to say QUIT or more), and its Message-ID is recorded, so a test
 * sees what a recipient gets. The commands received are recorded too.
 */
public final class ScriptedSmtpServer implements AutoCloseable {

    private final ServerSocket socket;
    private final String rcptReply;
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final long eachReply;
    private final long dataAnswer;
    private final long quit;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<String> dataSeen = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    /** A server that answers every RCPT TO with {@code rcptReply}, at once. */
    public ScriptedSmtpServer(String rcptReply) {
        this(rcptReply, 0, 0, 0);
    }

    /** A server that accepts every message, taking its time as given. */
    public ScriptedSmtpServer(long eachReplyMillis, long dataAnswerMillis, long quitMillis) {
        this("250 OK", eachReplyMillis, dataAnswerMillis, quitMillis);
    }

    private ScriptedSmtpServer(String rcptReply, long eachReplyMillis, long dataAnswerMillis, long quitMillis) {
        this.rcptReply = rcptReply;
        this.eachReply = eachReplyMillis;
        this.dataAnswer = dataAnswerMillis;
        this.quit = quitMillis;
        try {
            socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor = new Thread(this::serve, "scripted-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    /**
     * The Message-IDs of the messages whose 250 the client was still there to read (it went on to say
     * QUIT or more), in order: one per mail a recipient gets.
     */
    public List<String> receivedMessageIds() {
        return List.copyOf(received);
    }

    /** The commands received, verbs as sent ("EHLO …", "RCPT TO:<…>"). */
    public List<String> commands() {
        return List.copyOf(commands);
    }

    /** The Message-IDs of every message whose data arrived complete, answered or not. */
    public List<String> dataMessageIds() {
        return List.copyOf(dataSeen);
    }

    /** Each client on a thread of its own: a conversation left hanging does not keep the next one waiting. */
    private void serve() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Thread conversation = new Thread(() -> {
                    try (client) {
                        converse(client);
                    } catch (IOException e) {
                        // the client went away (or was cut)
                    }
                }, "scripted-smtp-client");
                conversation.setDaemon(true);
                conversation.start();
            } catch (IOException e) {
                // closed
            }
        }
    }

    private void converse(Socket client) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = client.getOutputStream();
        reply(out, "220 127.0.0.1 ESMTP scripted", eachReply);
        String line;
        String answered = null;
        while ((line = in.readLine()) != null) {
            if (answered != null) {
                received.add(answered);
                answered = null;
            }
            commands.add(line);
            String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
            switch (verb) {
                case "EHLO", "HELO" -> reply(out, "250 127.0.0.1", eachReply);
                case "MAIL", "RSET", "NOOP" -> reply(out, "250 OK", eachReply);
                case "RCPT" -> reply(out, rcptReply, eachReply);
                case "DATA" -> {
                    reply(out, "354 go ahead", eachReply);
                    String messageId = null;
                    for (String data = in.readLine(); data != null && !data.equals("."); data = in.readLine()) {
                        if (messageId == null && data.regionMatches(true, 0, "Message-ID:", 0, 11)) {
                            messageId = data.substring(11).strip();
                        }
                    }
                    dataSeen.add(String.valueOf(messageId));
                    reply(out, "250 queued", eachReply + dataAnswer);
                    answered = String.valueOf(messageId);
                }
                case "QUIT" -> {
                    reply(out, "221 bye", quit);
                    return;
                }
                default -> reply(out, "502 not implemented", eachReply);
            }
        }
    }

    private static void reply(OutputStream out, String line, long delayMillis) throws IOException {
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
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
