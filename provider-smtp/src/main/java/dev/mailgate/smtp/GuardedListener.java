package dev.mailgate.smtp;

import dev.mailgate.core.MailException;
import dev.mailgate.core.transport.SendReceipt;
import dev.mailgate.core.transport.SmtpReply;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The user's {@link SmtpEventListener} behind a guard: whatever a callback throws is caught, so that observing a
 * send can never break it. The first exception is logged as a warning with its stack trace, later ones at debug
 * level only, so that a listener that always throws does not flood the log with one line per event.
 */
final class GuardedListener implements SmtpEventListener {
    private static final System.Logger LOG = System.getLogger(SmtpTransport.class.getName());

    private final SmtpEventListener delegate;
    private final AtomicBoolean warned = new AtomicBoolean();

    private GuardedListener(SmtpEventListener delegate) {
        this.delegate = delegate;
    }

    static SmtpEventListener of(SmtpEventListener listener) {
        return listener instanceof GuardedListener ? listener : new GuardedListener(listener);
    }

    private void guard(String event, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException | LinkageError e) {
            if (warned.compareAndSet(false, true)) {
                LOG.log(System.Logger.Level.WARNING, "the SmtpEventListener " + delegate.getClass().getName() + " threw in " + event
                        + "; ignored, the send goes on (further exceptions are logged at debug level)", e);
            } else {
                LOG.log(System.Logger.Level.DEBUG, () -> "the SmtpEventListener threw again in " + event + ": " + e);
            }
        }
    }

    @Override
    public void connectStart(Session session) {
        guard("connectStart", () -> delegate.connectStart(session));
    }

    @Override
    public void tcpConnected(Session session, InetSocketAddress remote) {
        guard("tcpConnected", () -> delegate.tcpConnected(session, remote));
    }

    @Override
    public void greeting(Session session, SmtpReply reply) {
        guard("greeting", () -> delegate.greeting(session, reply));
    }

    @Override
    public void ehlo(Session session, Map<String, String> extensions, boolean tls) {
        guard("ehlo", () -> delegate.ehlo(session, extensions, tls));
    }

    @Override
    public void tlsHandshakeStart(Session session) {
        guard("tlsHandshakeStart", () -> delegate.tlsHandshakeStart(session));
    }

    @Override
    public void tlsHandshakeEnd(Session session, Handshake handshake) {
        guard("tlsHandshakeEnd", () -> delegate.tlsHandshakeEnd(session, handshake));
    }

    @Override
    public void authStart(Session session, String mechanism) {
        guard("authStart", () -> delegate.authStart(session, mechanism));
    }

    @Override
    public void authEnd(Session session, String mechanism) {
        guard("authEnd", () -> delegate.authEnd(session, mechanism));
    }

    @Override
    public void connectEnd(Session session, Duration took) {
        guard("connectEnd", () -> delegate.connectEnd(session, took));
    }

    @Override
    public void connectFailed(Session session, MailException error) {
        guard("connectFailed", () -> delegate.connectFailed(session, error));
    }

    @Override
    public void connectionAcquired(Session session, boolean reused, PoolState pool) {
        guard("connectionAcquired", () -> delegate.connectionAcquired(session, reused, pool));
    }

    @Override
    public void connectionReleased(Session session, boolean kept, PoolState pool) {
        guard("connectionReleased", () -> delegate.connectionReleased(session, kept, pool));
    }

    @Override
    public void transactionStart(Session session, Send send) {
        guard("transactionStart", () -> delegate.transactionStart(session, send));
    }

    @Override
    public void transactionEnd(Session session, Send send, SendReceipt receipt) {
        guard("transactionEnd", () -> delegate.transactionEnd(session, send, receipt));
    }

    @Override
    public void transactionFailed(Session session, Send send, MailException error) {
        guard("transactionFailed", () -> delegate.transactionFailed(session, send, error));
    }

    @Override
    public void retrying(Send send, int attempt, MailException cause, Duration delay) {
        guard("retrying", () -> delegate.retrying(send, attempt, cause, delay));
    }

    @Override
    public void failed(Send send, MailException error) {
        guard("failed", () -> delegate.failed(send, error));
    }
}
