package dev.mailgate.smtp;

import dev.mailgate.core.transport.ConnectionException;
import dev.mailgate.core.transport.MailTimeoutException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The sessions of one transport: at most {@code maxConnections} at a time, idle ones reused last-in first-out
 * (the warmest first), expired or broken ones closed instead of reused. No lock is held during I/O, so it works
 * the same with platform and virtual threads.
 */
final class ConnectionPool implements AutoCloseable {
    private final TransportContext context;
    private final SmtpConfig config;
    private final Semaphore permits;
    private final ConcurrentLinkedDeque<SmtpConnection> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    ConnectionPool(TransportContext context) {
        this.context = context;
        this.config = context.config();
        this.permits = new Semaphore(config.maxConnections, true);
    }

    /**
     * A session for one transaction, waiting for a free one no longer than the claim timeout and, opening a fresh
     * one, not past {@code deadlineNanos} ({@link System#nanoTime()} based); give it back with {@link #release}.
     */
    SmtpConnection claim(long deadlineNanos) {
        if (closed) {
            throw new ConnectionException("the transport is closed", null);
        }
        try {
            long wait = Math.min(config.claimTimeout.toNanos(), Math.max(0, deadlineNanos - System.nanoTime()));
            if (!permits.tryAcquire(wait, TimeUnit.NANOSECONDS)) {
                throw new MailTimeoutException("waiting for a free connection (all " + config.maxConnections + " busy)",
                        java.time.Duration.ofNanos(wait), null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MailTimeoutException("waiting for a free connection (interrupted)", config.claimTimeout, e);
        }
        try {
            SmtpConnection c;
            while ((c = idle.pollFirst()) != null) {
                if (c.reusable(config.maxMessagesPerConnection, config.idleTimeout, config.maxConnectionAge)) {
                    context.listener().connectionAcquired(c.session(), true, state());
                    return c;
                }
                c.quit();
            }
            SmtpConnection fresh = SmtpConnection.open(context, deadlineNanos);
            context.listener().connectionAcquired(fresh.session(), false, state());
            return fresh;
        } catch (RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    /** Returns a session: kept for reuse when it is healthy and within its limits, closed otherwise. */
    void release(SmtpConnection c) {
        boolean kept = false;
        try {
            if (!closed && c.reusable(config.maxMessagesPerConnection, config.idleTimeout, config.maxConnectionAge)) {
                idle.addFirst(c);
                kept = true;
            } else {
                c.quit();
            }
        } finally {
            permits.release();
        }
        context.listener().connectionReleased(c.session(), kept, state());
        if (closed) {
            drain();
        }
    }

    /** A snapshot for listeners; the idle count walks the deque, which holds at most maxConnections sessions. */
    private SmtpEventListener.PoolState state() {
        return new SmtpEventListener.PoolState(config.maxConnections - permits.availablePermits(), idle.size(), config.maxConnections);
    }

    @Override
    public void close() {
        closed = true;
        drain();
    }

    private void drain() {
        SmtpConnection c;
        while ((c = idle.pollFirst()) != null) {
            c.quit();
        }
    }
}
