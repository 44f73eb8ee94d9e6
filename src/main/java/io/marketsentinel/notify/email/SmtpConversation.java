package io.marketsentinel.notify.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPTransport;

import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One SMTP send bounded as a whole: Jakarta Mail's timeouts bound each read and write, not a server
 * that answers every command just in time, so a watchdog closes the conversation's socket when its time
 * is up. It knows whether the cut came before the message data was complete (nothing delivered: try
 * again) or while the server's answer to it was awaited (outcome unknown). Written by hand because
 * Jakarta Mail has no bound for a whole send and no way to tell the two apart.
 */
final class SmtpConversation {

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "smtp-watchdog");
        t.setDaemon(true);
        return t;
    });

    /** How a send ended, when it did not end with the server's acceptance. */
    enum Cut { NONE, BEFORE_DATA, AWAITING_ANSWER }

    private final SmtpServer server;
    private final Duration limit;
    private final Sockets sockets = new Sockets();
    private volatile boolean dataSent;
    private volatile boolean cut;

    SmtpConversation(SmtpServer server, Duration limit) {
        this.server = server;
        this.limit = limit;
    }

    /** A session for this conversation alone: its sockets are the watchdog's to close. */
    Session session() {
        Properties props = server.sessionProperties(limit);
        String prefix = "mail." + server.protocol() + ".";
        if (server.security() == SmtpSecurity.TLS) {
            props.put(prefix + "ssl.socketFactory", sockets.tls());
        } else {
            props.put(prefix + "socketFactory", sockets);
        }
        // Delivered once the server has accepted the message data: saying goodbye is not part of the send.
        props.setProperty(prefix + "quitwait", "false");
        return Session.getInstance(props);
    }

    /**
     * Connects, sends {@code message} and closes, all within the limit.
     *
     * @throws MessagingException as the server or the connection failed; {@link #cut()} says whether the watchdog did it
     */
    void send(Session session, MimeMessage message) throws MessagingException {
        ScheduledFuture<?> watchdog = WATCHDOG.schedule(this::cutNow, Math.max(1, limit.toMillis()), TimeUnit.MILLISECONDS);
        Transport transport = new Transport(session, server.protocol(), server.security() == SmtpSecurity.TLS);
        try {
            transport.connect(server.host(), server.port(), server.username().orElse(null), server.password().orElse(null));
            transport.sendMessage(message, message.getAllRecipients());
        } finally {
            watchdog.cancel(false);
            try {
                transport.close();
            } catch (MessagingException e) {
                // Accepted or not, the connection is done with; what was said is already known.
            }
        }
    }

    /** Whether (and when) the watchdog ended the conversation. */
    Cut cut() {
        if (!cut) {
            return Cut.NONE;
        }
        return dataSent ? Cut.AWAITING_ANSWER : Cut.BEFORE_DATA;
    }

    Duration limit() {
        return limit;
    }

    private void cutNow() {
        cut = true;
        sockets.closeAll();
    }

    /** Angus's transport, noting when the whole message has gone and only the server's answer is awaited. */
    private final class Transport extends SMTPTransport {
        Transport(Session session, String protocol, boolean ssl) {
            super(session, null, protocol, ssl);
        }

        @Override
        protected void finishData() throws IOException, MessagingException {
            dataSent = true;
            super.finishData();
        }
    }

    /** The conversation's sockets (the plain one STARTTLS upgrades, or the TLS one), to be closed by the watchdog. */
    private static final class Sockets extends SocketFactory {
        private final List<Socket> opened = new CopyOnWriteArrayList<>();
        private final SocketFactory plain = SocketFactory.getDefault();

        private <S extends Socket> S kept(S socket) {
            opened.add(socket);
            return socket;
        }

        void closeAll() {
            for (Socket s : opened) {
                try {
                    s.close();
                } catch (IOException e) {
                    // already closed
                }
            }
        }

        @Override
        public Socket createSocket() throws IOException {
            return kept(plain.createSocket());
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return kept(plain.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
            return kept(plain.createSocket(host, port, local, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return kept(plain.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
            return kept(plain.createSocket(host, port, local, localPort));
        }

        SSLSocketFactory tls() {
            SSLSocketFactory tls = (SSLSocketFactory) SSLSocketFactory.getDefault();
            return new SSLSocketFactory() {
                @Override
                public String[] getDefaultCipherSuites() {
                    return tls.getDefaultCipherSuites();
                }

                @Override
                public String[] getSupportedCipherSuites() {
                    return tls.getSupportedCipherSuites();
                }

                @Override
                public Socket createSocket() throws IOException {
                    return kept(tls.createSocket());
                }

                @Override
                public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
                    return kept(tls.createSocket(s, host, port, autoClose));
                }

                @Override
                public Socket createSocket(String host, int port) throws IOException {
                    return kept(tls.createSocket(host, port));
                }

                @Override
                public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
                    return kept(tls.createSocket(host, port, local, localPort));
                }

                @Override
                public Socket createSocket(InetAddress host, int port) throws IOException {
                    return kept(tls.createSocket(host, port));
                }

                @Override
                public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort)
                        throws IOException {
                    return kept(tls.createSocket(host, port, local, localPort));
                }
            };
        }
    }
}
