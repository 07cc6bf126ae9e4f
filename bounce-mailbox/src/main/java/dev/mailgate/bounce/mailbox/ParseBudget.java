package dev.mailgate.bounce.mailbox;

import dev.mailgate.bounce.BounceReport;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Parses one message at a time within a time budget. Anyone can mail a bounce address, and the poller reads its
 * folder on one thread: a message that costs minutes to read must not stop every bounce behind it (issue 18). A
 * parse that overruns is abandoned: the poller files the message as not handled, and the parse thread, which Java
 * cannot stop, is left to finish on its own while a new one takes the next message. At most
 * {@link #MAX_ABANDONED} such threads may still be running; past that the pass ends and the rest waits. One budget
 * lives as long as its poller, so the count holds across passes.
 */
final class ParseBudget implements AutoCloseable {
    static final int MAX_ABANDONED = 2;

    /** The parse of a message took longer than its budget. */
    static final class Exceeded extends Exception {
        private static final long serialVersionUID = 1L;

        Exceeded(String message) {
            super(message);
        }
    }

    private final Duration budget;
    /** Reads abandoned over budget whose thread has not finished yet. */
    private final AtomicInteger overrunning = new AtomicInteger();
    private ExecutorService executor;

    ParseBudget(Duration budget) {
        this.budget = budget;
    }

    /** Whether too many abandoned parses are still running to start another. */
    boolean exhausted() {
        return overrunning.get() >= MAX_ABANDONED;
    }

    BounceReport parse(Function<byte[], BounceReport> parser, byte[] raw) throws Exceeded {
        if (executor == null) {
            executor = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "mailgate-bounce-parse");
                t.setDaemon(true);
                return t;
            });
        }
        // 0 running, 1 finished, 2 abandoned: whoever comes second of the read and the timeout settles the count
        AtomicInteger state = new AtomicInteger();
        Future<BounceReport> result = executor.submit(() -> {
            try {
                return parser.apply(raw);
            } finally {
                if (!state.compareAndSet(0, 1)) {
                    overrunning.decrementAndGet();
                }
            }
        });
        try {
            return result.get(budget.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            if (state.compareAndSet(0, 2)) {
                overrunning.incrementAndGet();
            }
            result.cancel(true);
            // the thread may still be busy: the next message gets a new one
            executor.shutdown();
            executor = null;
            throw new Exceeded("reading the message took longer than its budget of " + budget.toMillis() + " ms ("
                    + raw.length + " bytes)");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.cancel(true);
            throw new IllegalStateException("interrupted while reading a message", e);
        }
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }
}
