package dev.mailgate.smtp;

import dev.mailgate.core.message.OutboundMessage;
import dev.mailgate.core.transport.ConnectionException;
import dev.mailgate.core.transport.SendReceipt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The waiting room of {@code sendAsync}: pending sends are queued here, and at most {@code maxConnections} drainers
 * run on the executor, each sending one queued message after the other. A task per message on an unbounded executor
 * (the shared cached pool) started a thread per pending send, nearly all of them parked on the pool's semaphore
 * (issue 25: 952 threads for "2,000 sendAsync, then join"); more drainers than connections could only wait there,
 * so a pending send now costs its queue entry and nothing else.
 *
 * <p>Futures complete as {@code CompletableFuture.supplyAsync} would: with the receipt, or exceptionally with the
 * send's failure wrapped in a {@link CompletionException}. After {@link #close()} every send still queued fails
 * with the {@link ConnectionException} a send on a closed transport gets; sends already running finish.
 */
final class AsyncQueue {
    private record Pending(OutboundMessage message, CompletableFuture<SendReceipt> future) {
    }

    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger drainers = new AtomicInteger();
    private final int maxDrainers;
    private final Executor executor;
    private final Function<OutboundMessage, SendReceipt> send;
    private volatile boolean closed;

    AsyncQueue(int maxDrainers, Executor executor, Function<OutboundMessage, SendReceipt> send) {
        this.maxDrainers = maxDrainers;
        this.executor = executor;
        this.send = send;
    }

    CompletableFuture<SendReceipt> submit(OutboundMessage message) {
        CompletableFuture<SendReceipt> future = new CompletableFuture<>();
        queue.add(new Pending(message, future));
        if (closed) {
            // close() may have drained the queue just before the add: nobody else would fail this one.
            failQueued();
            return future;
        }
        startDrainer();
        return future;
    }

    /** Starts a drainer unless {@code maxDrainers} already run (they take what is queued) or nothing waits. */
    private void startDrainer() {
        while (true) {
            int n = drainers.get();
            if (n >= maxDrainers || queue.isEmpty()) {
                return;
            }
            if (drainers.compareAndSet(n, n + 1)) {
                break;
            }
        }
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            // The caller's executor refuses work: with no drainer left, what is queued would wait forever.
            if (drainers.decrementAndGet() == 0) {
                Pending p;
                while ((p = queue.poll()) != null) {
                    p.future().completeExceptionally(e);
                }
            }
        }
    }

    private void drain() {
        try {
            Pending p;
            while (!closed && (p = queue.poll()) != null) {
                run(p);
            }
        } finally {
            drainers.decrementAndGet();
        }
        // A send queued between the last poll and the decrement saw a full set of drainers and started none.
        if (!closed && !queue.isEmpty()) {
            startDrainer();
        }
    }

    private void run(Pending p) {
        try {
            p.future().complete(send.apply(p.message()));
        } catch (Throwable t) {
            p.future().completeExceptionally(t instanceof CompletionException ? t : new CompletionException(t));
        }
    }

    /** Fails every queued send; those a drainer already took run to their outcome. */
    void close() {
        closed = true;
        failQueued();
    }

    private void failQueued() {
        Pending p;
        while ((p = queue.poll()) != null) {
            p.future().completeExceptionally(new CompletionException(new ConnectionException("the transport is closed", null)));
        }
    }
}
