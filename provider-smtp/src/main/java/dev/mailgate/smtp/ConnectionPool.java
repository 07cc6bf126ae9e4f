package dev.mailgate.smtp;

import dev.mailgate.core.transport.ConnectionException;
import dev.mailgate.core.transport.MailTimeoutException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
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
    private static final ThreadPoolExecutor QUITTER = daemons("mailgate-smtp-quit", 1);
    /**
     * Opens the sessions that replace full ones while those finish their last messages (issue 25: with TLS and
     * AUTH the reconnect is a handshake and several round trips the sending thread would otherwise wait for).
     * Daemon threads, at most one per opening at a time, each ending 1 s after its last one.
     */
    private static final ThreadPoolExecutor OPENER = daemons("mailgate-smtp-open", Integer.MAX_VALUE);

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
            return idleOrOpened(null, deadlineNanos);
        } catch (RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    /** For a claimant holding a permit: the warmest reusable idle session, else the spare, else a new one. */
    private SmtpConnection idleOrOpened(Spare spare, long deadlineNanos) {
        SmtpConnection c;
        // A spare with a transaction sent ahead is the one the chain goes on with: an idle session would not do.
        boolean spareFirst = spare != null && spare.sentAhead();
        while (!spareFirst && (c = idle.pollFirst()) != null) {
            if (c.reusable(config.maxMessagesPerConnection, config.idleTimeout, config.maxConnectionAge)) {
                context.listener().connectionAcquired(c.session(), true, state());
                return c;
            }
            retire(c);
        }
        c = spare != null ? spare.take() : null;
        if (c != null && c.isBroken()) {
            // Its transaction sent ahead could not be written: of no use to the chain.
            retire(c);
            c = null;
        }
        if (c == null) {
            c = SmtpConnection.open(context, deadlineNanos);
        }
        context.listener().connectionAcquired(c.session(), false, state());
        return c;
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

    /** {@code threads} 1: one thread, the rest queued; otherwise a thread per task running at the same time. */
    private static ThreadPoolExecutor daemons(String name, int threads) {
        ThreadPoolExecutor t = threads == 1
                ? new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> daemon(r, name))
                : new ThreadPoolExecutor(0, threads, 1, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> daemon(r, name));
        t.allowCoreThreadTimeOut(true);
        return t;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }

    /** A replacement session for one batch worker, opened when its session nears maxMessagesPerConnection. */
    Spare spare() {
        return new Spare();
    }

    /**
     * Retires {@code done} (full, or broken) and gives its claimant the replacement under the same permit: an idle
     * session if there is one, else the spare if one was opened, else a session opened now. An idle session taken
     * instead leaves the spare to {@link Spare#discard}. Opening the spare while {@code done} still had
     * its last messages on the wire meant one session over {@code maxConnections} for that moment, as a session
     * saying QUIT on the quitter already is: the server sees the old one end as the new one begins.
     */
    SmtpConnection handOver(SmtpConnection done, Spare spare, long deadlineNanos) {
        retire(done);
        context.listener().connectionReleased(done.session(), false, state());
        try {
            if (closed) {
                // The spare is the claimant's to discard (BatchSend does, whatever happens).
                throw new ConnectionException("the transport is closed", null);
            }
            return idleOrOpened(spare, deadlineNanos);
        } catch (RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    /**
     * A session opened ahead of need on the opener thread. At most one at a time; one not taken goes to the idle
     * sessions when the pool has room for it, otherwise it is closed.
     */
    final class Spare {
        private CompletableFuture<SmtpConnection> opening;

        /** Starts opening, unless a spare is already open or opening. */
        void open(long deadlineNanos) {
            if (opening == null && !closed) {
                opening = CompletableFuture.supplyAsync(() -> SmtpConnection.open(context, deadlineNanos), OPENER);
            }
        }

        /** The opened session if its opening has ended well, without waiting; else null. */
        SmtpConnection ready() {
            CompletableFuture<SmtpConnection> f = opening;
            return f != null && f.isDone() && !f.isCompletedExceptionally() ? f.join() : null;
        }

        /** Whether the spare carries a transaction sent ahead (TransactionEngine#sendAhead) for the chain to go on with. */
        boolean sentAhead() {
            SmtpConnection c = ready();
            return c != null && c.transactions().hasSentAhead();
        }

        /** The opened session (waiting for the opening to end), or null when none was opened. */
        SmtpConnection take() {
            CompletableFuture<SmtpConnection> f = opening;
            opening = null;
            if (f == null) {
                return null;
            }
            try {
                return f.join();
            } catch (CompletionException e) {
                // The opening's own typed error (connect, TLS, AUTH): the same a claim would have thrown.
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }

        /** Gives back a spare nobody took: to the idle sessions if there is room, otherwise closed. */
        void discard() {
            CompletableFuture<SmtpConnection> f = opening;
            opening = null;
            if (f != null) {
                f.thenAccept(c -> {
                    if (c.transactions().hasSentAhead()) {
                        // Its open transaction is nobody's to finish: closed, never reused.
                        c.markBroken();
                    }
                    offerIdle(c);
                });
            }
        }
    }

    /** Idle and claimed sessions stay within maxConnections; a session that would exceed it is retired. */
    private synchronized void offerIdle(SmtpConnection c) {
        boolean room = idle.size() + config.maxConnections - permits.availablePermits() < config.maxConnections;
        if (!closed && room && c.reusable(config.maxMessagesPerConnection, config.idleTimeout, config.maxConnectionAge)) {
            idle.addFirst(c);
        } else {
            retire(c);
        }
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
