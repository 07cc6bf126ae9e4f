package dev.mailgate.smtp;

import dev.mailgate.core.transport.MailTimeoutException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the blocking socket I/O of one session where socket timeouts cannot. {@code SO_TIMEOUT} bounds each read
 * only: a write blocks for as long as the server does not read (a server that answers 354 and then stops reading
 * holds the sender, and its pool permit, forever), and a server that drips one byte just inside the read timeout
 * keeps a reply, a greeting or a TLS handshake going forever. RFC 5321 section 4.5.3.2 gives the client a limit for
 * each of these waits (section 4.5.3.2.5, "Data Block: 3 minutes" for each write of the content), so a shared timer
 * closes the socket when a write outlives its bound or the attempt outlives its send deadline; the blocked call then
 * fails, and {@link #checked} reports it as the timeout it is.
 *
 * <p>It closes the TCP socket, never a TLS socket layered on it: closing TLS would first try to write a
 * close_notify into the very buffer that is full. Cost: a write of at most {@value #CHUNK} octets and a message's
 * deadline only note when they are due; one timer task per session checks what is due, and is re-armed only when
 * something comes due before it runs (the first write of a chain, not the 63 after it). Before, each write and each
 * message scheduled and cancelled a task of its own, and every schedule woke the timer thread (issue 25).
 */
final class SocketWatchdog {
    /** Writes are bounded per chunk, so a large message on a slow link is not cut off while it makes progress. */
    static final int CHUNK = 64 * 1024;
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private static final long NONE = Long.MAX_VALUE;

    private final Socket tcp;
    private final Duration writeBound;
    private final String where;
    private final Expiry writeStall;
    private volatile Expiry expired;
    private long offered;

    // Guarded by `this`: what is due, and the one timer task that checks it.
    /** When the write in progress outlives its bound ({@link System#nanoTime()} based), or NONE. */
    private long writeDue = NONE;
    /** When the send deadline passes, or NONE. */
    private long sendDue = NONE;
    private Expiry sendExpiry;
    private Duration sendBound;
    private ScheduledFuture<?> alarm;
    private long alarmAt;

    /** What outlived its bound: the operation as {@link MailTimeoutException} names it. */
    record Expiry(String operation, Duration bound) {
    }

    SocketWatchdog(Socket tcp, Duration writeBound, String where) {
        this.tcp = tcp;
        this.writeBound = writeBound;
        this.where = where;
        this.writeStall = new Expiry("writing to " + where + " (the server stopped reading)", writeBound);
    }

    private static ScheduledThreadPoolExecutor timer() {
        // No core thread: the one timer thread starts with the first task and ends 200 ms after the last one is
        // cancelled, so a closed transport leaves no thread behind.
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(0, r -> {
            Thread thread = new Thread(r, "mailgate-smtp-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        t.setKeepAliveTime(200, TimeUnit.MILLISECONDS);
        // Nearly every task is cancelled: without this the queue holds them all until their delay passes.
        t.setRemoveOnCancelPolicy(true);
        return t;
    }

    /**
     * Closes the session when it is still busy at {@code deadlineNanos} ({@link System#nanoTime()} based),
     * replacing an earlier deadline. {@code bound} is the whole budget, for the message.
     */
    void deadline(long deadlineNanos, Duration bound) {
        Expiry now = null;
        synchronized (this) {
            if (!bound.equals(sendBound)) {
                sendBound = bound;
                sendExpiry = new Expiry("sending to " + where + " (the send deadline)", bound);
            }
            if (deadlineNanos - System.nanoTime() <= 0) {
                sendDue = NONE;
                now = sendExpiry;
            } else {
                sendDue = deadlineNanos;
                arm(deadlineNanos);
            }
        }
        if (now != null) {
            expire(now);
        }
    }

    void clearDeadline() {
        synchronized (this) {
            sendDue = NONE;
            disarmIfIdle();
        }
    }

    /** Cancels the timer task: the session is closed, nothing of it is due any more. */
    void close() {
        synchronized (this) {
            sendDue = NONE;
            writeDue = NONE;
            disarmIfIdle();
        }
    }

    /** Makes sure the timer task runs by {@code due}. Holds `this`. */
    private void arm(long due) {
        if (alarm != null && alarmAt - due <= 0) {
            return;
        }
        if (alarm != null) {
            alarm.cancel(false);
        }
        alarmAt = due;
        alarm = TIMER.schedule(this::check, due - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    /** With nothing due, no task: the timer thread can end. Holds `this`. */
    private void disarmIfIdle() {
        if (writeDue == NONE && sendDue == NONE && alarm != null) {
            alarm.cancel(false);
            alarm = null;
        }
    }

    /** The timer task: expires what is due (the earlier when both are), or re-arms for what comes due next. */
    private void check() {
        Expiry due = null;
        synchronized (this) {
            alarm = null;
            long now = System.nanoTime();
            long first = Math.min(writeDue, sendDue);
            if (first == NONE) {
                return;
            }
            if (now - first >= 0) {
                due = first == writeDue ? writeStall : sendExpiry;
                if (first == sendDue) {
                    sendDue = NONE;
                }
            } else {
                arm(first);
            }
        }
        if (due != null) {
            expire(due);
        }
    }

    /** Expiry that closed the session, or null. */
    Expiry expiry() {
        return expired;
    }

    /**
     * Octets handed to the socket so far, the write in progress included: an octet past this count was certainly
     * not sent, which tells whether a failed write can have got the final dot out.
     */
    long offered() {
        return offered;
    }

    /** {@code e}, or the timeout it really is when the watchdog closed the socket under it. */
    IOException checked(IOException e) {
        Expiry x = expired;
        return x == null || e instanceof Expired ? e : new Expired(x, e);
    }

    private void expire(Expiry e) {
        if (expired == null) {
            expired = e;
        }
        try {
            tcp.close();
        } catch (IOException ignored) {
            // the blocked call fails either way
        }
    }

    private void writeStarted() {
        synchronized (this) {
            writeDue = System.nanoTime() + writeBound.toNanos();
            arm(writeDue);
        }
    }

    private void writeEnded() {
        synchronized (this) {
            writeDue = NONE;
            disarmIfIdle();
        }
    }

    /** Every write of {@code raw} bounded; input failures translated. */
    OutputStream output(OutputStream raw) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                for (int done = 0; done < len; ) {
                    int n = Math.min(CHUNK, len - done);
                    offered += n;
                    writeStarted();
                    try {
                        raw.write(b, off + done, n);
                    } catch (IOException x) {
                        throw checked(x);
                    } finally {
                        writeEnded();
                    }
                    done += n;
                }
            }

            @Override
            public void flush() throws IOException {
                try {
                    raw.flush();
                } catch (IOException x) {
                    throw checked(x);
                }
            }
        };
    }

    InputStream input(InputStream raw) {
        return new FilterInputStream(raw) {
            @Override
            public int read() throws IOException {
                try {
                    return super.read();
                } catch (IOException x) {
                    throw checked(x);
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return super.read(b, off, len);
                } catch (IOException x) {
                    throw checked(x);
                }
            }
        };
    }

    /** A socket operation failed because the watchdog closed the socket: a timeout, not a lost connection. */
    static final class Expired extends SocketTimeoutException {
        private static final long serialVersionUID = 1L;
        private final transient Expiry expiry;

        Expired(Expiry expiry, IOException cause) {
            super(expiry.operation() + " exceeded " + expiry.bound().toMillis() + " ms");
            this.expiry = expiry;
            initCause(cause);
        }

        MailTimeoutException toMailException() {
            return new MailTimeoutException(expiry.operation(), expiry.bound(), this);
        }
    }
}
