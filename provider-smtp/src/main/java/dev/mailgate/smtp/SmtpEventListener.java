package dev.mailgate.smtp;

import dev.mailgate.core.MailException;
import dev.mailgate.core.message.OutboundMessage;
import dev.mailgate.core.transport.SendReceipt;
import dev.mailgate.core.transport.SmtpReply;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Observes the send path of an {@link SmtpTransport}, for metrics, tracing and diagnostics: one typed callback per
 * step, each with a no-op default, in the style of OkHttp's {@code EventListener}. Set it with
 * {@link SmtpTransport.Builder#listener}; {@link SmtpTransport.Builder#provider} names the provider every event
 * carries (a low-cardinality tag such as {@code smtp} or {@code ses}, never an address).
 *
 * <p>Called on the sending thread, synchronously: keep it fast. A listener that throws never breaks a send: the
 * exception is caught, logged once per transport (later ones at debug level), and the send goes on.
 *
 * <h2>Order</h2>
 * A {@link Session} is one SMTP connection. Its setup reports, in this order, only the steps the configuration
 * asks for:
 * <pre>
 * connectStart
 *   tcpConnected
 *   [tlsHandshakeStart tlsHandshakeEnd]      implicit TLS (RFC 8314), before the greeting
 *   greeting
 *   ehlo                                     tls=false (true on an implicit-TLS session)
 *   [tlsHandshakeStart tlsHandshakeEnd ehlo] STARTTLS (RFC 3207): the EHLO is asked again, tls=true
 *   [authStart authEnd]                      AUTH (RFC 4954), when credentials are configured
 * connectEnd                                 the session is ready to send
 * </pre>
 * or, when any step fails, {@code connectFailed} in place of the rest (the socket is then closed).
 *
 * <p>Each {@link Send} (one message of a {@code send}, {@code sendAsync} or {@code sendBatch} call) goes through
 * attempts. An attempt claims a connection from the pool, opening a fresh one (the setup above) when no idle one
 * can be reused:
 * <pre>
 * [setup of a fresh session]  connectionAcquired
 *   transactionStart  (transactionEnd | transactionFailed)   MAIL FROM .. the reply to the final dot
 * connectionReleased
 * then: retrying (and the next attempt), or failed, or nothing more (the receipt was in transactionEnd)
 * </pre>
 * A {@code transactionStart} is always followed by exactly one {@code transactionEnd} or {@code transactionFailed}
 * for the same {@link Send}. A message the session cannot take at all (too large, needs SMTPUTF8 or 8BITMIME the
 * server lacks), or one never attempted because the session broke first, has no transaction events. A failure to
 * open a session ({@code connectFailed}) is the attempt's failure. {@code failed} comes once, after the last attempt;
 * a message that fails its preparation (rendering, validation, DKIM) is thrown to the caller with no events.
 *
 * <p>In a batch, a connection carries a chain of transactions. With PIPELINING the next message's commands go out
 * with the previous message's content (RFC 2920 section 3.1), so its {@code transactionStart} may come before the
 * previous {@code transactionEnd}: correlate by {@link Send} (compare with {@code ==}), not by position. Messages of
 * a chain that fail are retried one by one after the connection is released, as a single send would be.
 */
public interface SmtpEventListener {
    /** The listener that does nothing. */
    SmtpEventListener NONE = new SmtpEventListener() {
    };

    /** A session is about to be opened: before the TCP connect. */
    default void connectStart(Session session) {
    }

    /** The TCP connection is established to {@code remote} (the resolved address). */
    default void tcpConnected(Session session, InetSocketAddress remote) {
    }

    /** The server's 220 greeting (RFC 5321 section 4.2). */
    default void greeting(Session session, SmtpReply reply) {
    }

    /**
     * The server's EHLO reply, as keyword (upper case) to parameters ("" when none); empty after a HELO fallback.
     *
     * @param tls whether the session was encrypted when it was asked
     */
    default void ehlo(Session session, Map<String, String> extensions, boolean tls) {
    }

    default void tlsHandshakeStart(Session session) {
    }

    default void tlsHandshakeEnd(Session session, Handshake handshake) {
    }

    /** @param mechanism the SASL mechanism chosen: PLAIN, LOGIN or XOAUTH2 */
    default void authStart(Session session, String mechanism) {
    }

    /** The server accepted the credentials (235). A refusal is a {@link #connectFailed}. */
    default void authEnd(Session session, String mechanism) {
    }

    /**
     * The session is ready for transactions.
     *
     * @param took from {@link #connectStart} until now
     */
    default void connectEnd(Session session, Duration took) {
    }

    /** Opening the session failed at some step; the error says which. */
    default void connectFailed(Session session, MailException error) {
    }

    /**
     * An attempt got a session from the pool.
     *
     * @param reused whether it was an idle one (no setup events), or a fresh one just set up
     */
    default void connectionAcquired(Session session, boolean reused, PoolState pool) {
    }

    /**
     * The attempt gave the session back.
     *
     * @param kept whether the pool keeps it for reuse (else it was closed: broken, too old, or its message limit)
     */
    default void connectionReleased(Session session, boolean kept, PoolState pool) {
    }

    /** The message's first command (MAIL FROM, or RSET before it) is about to be written. */
    default void transactionStart(Session session, Send send) {
    }

    /** The server accepted the message (2xx to the final dot); the receipt has each recipient's outcome. */
    default void transactionEnd(Session session, Send send, SendReceipt receipt) {
    }

    /** The transaction failed: a refusal (with its reply), a timeout or the connection lost. */
    default void transactionFailed(Session session, Send send, MailException error) {
    }

    /**
     * The attempt failed and the message will be sent again after {@code delay}, on another connection.
     *
     * @param attempt the attempt that failed, from 1
     */
    default void retrying(Send send, int attempt, MailException cause, Duration delay) {
    }

    /** The send failed for good; the same exception is thrown to the caller (or reported in the batch result). */
    default void failed(Send send, MailException error) {
    }

    /**
     * One SMTP connection of a transport.
     *
     * @param provider the transport's provider name, for tags
     * @param id unique in this JVM, for correlating the events of one connection
     */
    record Session(String provider, long id, String host, int port, TlsMode tlsMode) {
        private static final AtomicLong IDS = new AtomicLong();

        public Session {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(tlsMode, "tlsMode");
        }

        static Session next(String provider, SmtpConfig config) {
            return new Session(provider, IDS.incrementAndGet(), config.host, config.port, config.tlsMode);
        }
    }

    /**
     * One message on its way, across all its attempts. Compared by identity: the same message sent twice is two
     * sends.
     */
    final class Send {
        private final String provider;
        private final OutboundMessage message;
        private final Optional<String> messageId;

        Send(String provider, OutboundMessage message, Optional<String> messageId) {
            this.provider = Objects.requireNonNull(provider, "provider");
            this.message = Objects.requireNonNull(message, "message");
            this.messageId = Objects.requireNonNull(messageId, "messageId");
        }

        /** The transport's provider name, for tags. */
        public String provider() {
            return provider;
        }

        /** The message as the caller passed it (before default From and the provider's envelope policy). */
        public OutboundMessage message() {
            return message;
        }

        /** The Message-ID it is sent with (without angle brackets); empty only for a raw message without one. */
        public Optional<String> messageId() {
            return messageId;
        }

        @Override
        public String toString() {
            return "Send[" + provider + ", " + messageId.orElse("(no Message-ID)") + "]";
        }
    }

    /**
     * The negotiated TLS session (RFC 8446 / RFC 5246).
     *
     * @param protocol e.g. {@code TLSv1.3}
     * @param cipherSuite e.g. {@code TLS_AES_256_GCM_SHA384}
     * @param peerCertificates the server's chain, its own certificate first; empty when none was presented
     */
    record Handshake(String protocol, String cipherSuite, List<X509Certificate> peerCertificates) {
        public Handshake {
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(cipherSuite, "cipherSuite");
            peerCertificates = List.copyOf(peerCertificates);
        }
    }

    /**
     * The pool right after the event.
     *
     * @param inUse sessions claimed by attempts
     * @param idle sessions kept for reuse
     * @param max the pool's size ({@link SmtpConfig#maxConnections()})
     */
    record PoolState(int inUse, int idle, int max) {
    }
}
