package dev.mailgate.smtp;

import dev.mailgate.core.transport.ConnectionException;
import dev.mailgate.core.transport.MailTimeoutException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The sessions of one transport: at most {@code maxConnections} at a time, idle ones reused last-in first-out
 * (the warmest first), expired or broken ones closed instead of reused. No lock is held during I/O, so it works
 * the same with platform and virtual threads.
 */
final class ConnectionPool implements AutoCloseable {
    /**
     * Says QUIT to retired sessions and waits for the 221 (RFC 5321 section 4.1.1.10: the client SHOULD wait for
     * it), so that the sending thread does not: a chain that reached maxMessagesPerConnection goes straight on
     * to the next session. One daemon thread for the JVM, ending 1 s after the last retirement.
     */
    private static final ThreadPoolExecutor QUITTER = quitter();

    private final TransportContext context;
    private final SmtpConfig config;
    private final Semaphore permits;
    private final ConcurrentLinkedDeque<SmtpConnection> idle = new ConcurrentLinkedDeque<>();
    /** Sessions whose QUIT is queued or running on the quitter: closed at once when the pool closes. */
    private final Set<SmtpConnection> retiring = ConcurrentHashMap.newKeySet();
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
                retire(c);
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
                retire(c);
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

    /** Closes a session that will not be reused: at once when broken, otherwise with QUIT on the quitter thread. */
    private void retire(SmtpConnection c) {
        if (c.isBroken() || closed) {
            c.quit();
            return;
        }
        retiring.add(c);
        try {
            QUITTER.execute(() -> {
                try {
                    c.quit();
                } finally {
                    retiring.remove(c);
                }
            });
        } catch (RejectedExecutionException e) {
            retiring.remove(c);
            c.quit();
        }
    }

    private static ThreadPoolExecutor quitter() {
        ThreadPoolExecutor t = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread thread = new Thread(r, "mailgate-smtp-quit");
            thread.setDaemon(true);
            return thread;
        });
        t.allowCoreThreadTimeOut(true);
        return t;
    }

    @Override
    public void close() {
        closed = true;
        drain();
        // A closed transport leaves no socket open: a QUIT still waiting for its 221 is cut short.
        for (SmtpConnection c : retiring) {
            c.closeQuietly();
        }
    }

    private void drain() {
        SmtpConnection c;
        while ((c = idle.pollFirst()) != null) {
            c.quit();
        }
    }
}
