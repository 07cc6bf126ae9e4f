package dev.mailgate.smtp;

import dev.mailgate.core.message.OutboundMessage;
import dev.mailgate.core.transport.ConnectionException;
import dev.mailgate.core.transport.SendReceipt;
import dev.mailgate.core.transport.SendResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.ObjIntConsumer;

/**
 * The waiting room of {@code sendAsync}: pending sends are queued here, and at most {@code maxConnections} drainers
 * run on the executor. A task per message on an unbounded executor (the shared cached pool) started a thread per
 * pending send, nearly all of them parked on the pool's semaphore (issue 25: 952 threads for "2,000 sendAsync, then
 * join"); more drainers than connections could only wait there, so a pending send now costs its queue entry and
 * nothing else.
 *
 * <p>A drainer takes what is queued together, its even share of it up to {@link #RUN}, and sends it as one chained
 * run on its own thread (RFC 2920 section 3.1, as {@code sendBatch} does): concurrent callers then share the
 * pipeline, one round trip per message instead of two (issue 25: one connection at RTT 1 ms, 2.04 server turns per
 * message before). A send that finds nothing else queued is a run of one, which costs what {@code send} costs. The
 * shared quota is taken per message, as {@code send} takes it (a run does not reserve ahead), and a future completes
 * as soon as its message's result is known and the drainer holds no session: the delivered ones of a run when its
 * sessions end, before any retry.
 *
 * <p>Futures complete as {@code CompletableFuture.supplyAsync} would: with the receipt, or exceptionally with the
 * send's failure wrapped in a {@link CompletionException}. After {@link #close()} every send still queued fails
 * with the {@link ConnectionException} a send on a closed transport gets; sends already running finish.
 */
final class AsyncQueue {
    private record Pending(OutboundMessage message, CompletableFuture<SendReceipt> future) {
    }

    /**
     * The most sends a drainer takes at once: a run's futures complete when it holds no session any more (their
     * dependent stages run on the drainer's thread and may send themselves), so a longer one would hold its first
     * receipts back for longer.
     */
    static final int RUN = 64;

    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    /** The queue's length (ConcurrentLinkedQueue.size() walks it), for a drainer's share. */
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger drainers = new AtomicInteger();
    private final int maxDrainers;
    private final Executor executor;
    private final BiConsumer<List<OutboundMessage>, ObjIntConsumer<SendResult>> sendRun;
    private volatile boolean closed;

    /**
     * {@code sendRun} sends a run of messages on the calling thread and tells its second argument each message's
     * result with the message's index in the run, as soon as it is known.
     */
    AsyncQueue(int maxDrainers, Executor executor, BiConsumer<List<OutboundMessage>, ObjIntConsumer<SendResult>> sendRun) {
        this.maxDrainers = maxDrainers;
        this.executor = executor;
        this.sendRun = sendRun;
    }

    CompletableFuture<SendReceipt> submit(OutboundMessage message) {
        CompletableFuture<SendReceipt> future = new CompletableFuture<>();
        queued.incrementAndGet();
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
        } catch (RuntimeException e) {
            // The caller's executor refuses work (RejectedExecutionException, or whatever an application's executor
            // throws): with no drainer left, what is queued would wait forever, and the count must come down.
            if (drainers.decrementAndGet() == 0) {
                Pending p;
                while ((p = poll()) != null) {
                    p.future().completeExceptionally(e);
                }
            }
        }
    }

    private void drain() {
        try {
            List<Pending> run = new ArrayList<>();
            while (!closed) {
                // An even share among the drainers, so that a burst spreads over every connection.
                int share = Math.min(RUN, Math.max(1, (queued.get() + maxDrainers - 1) / maxDrainers));
                Pending p;
                while (run.size() < share && (p = poll()) != null) {
                    run.add(p);
                }
                if (run.isEmpty()) {
                    break;
                }
                send(run);
                run.clear();
            }
        } finally {
            drainers.decrementAndGet();
        }
        // A send queued between the last poll and the decrement saw a full set of drainers and started none.
        if (!closed && !queue.isEmpty()) {
            startDrainer();
        }
    }

    private Pending poll() {
        Pending p = queue.poll();
        if (p != null) {
            queued.decrementAndGet();
        }
        return p;
    }

    /**
     * Sends a run; each future completes when its message's result is known (a delivered message does not wait for
     * another's retry), and whatever breaks the run as a whole fails the futures still open.
     */
    private void send(List<Pending> run) {
        List<OutboundMessage> messages = new ArrayList<>(run.size());
        for (Pending p : run) {
            messages.add(p.message());
        }
        try {
            sendRun.accept(messages, (result, i) -> complete(run.get(i).future(), result));
        } catch (Throwable t) {
            for (Pending p : run) {
                p.future().completeExceptionally(t instanceof CompletionException ? t : new CompletionException(t));
            }
            return;
        }
        for (Pending p : run) {
            // Every message of a run gets a result; if one ever did not, its caller must not wait forever.
            p.future().completeExceptionally(new CompletionException(new IllegalStateException("the run ended without a result for this send")));
        }
    }

    private static void complete(CompletableFuture<SendReceipt> future, SendResult result) {
        if (result instanceof SendResult.Sent sent) {
            future.complete(sent.receipt());
        } else {
            future.completeExceptionally(new CompletionException(((SendResult.Failed) result).error()));
        }
    }

    /** Fails every queued send; those a drainer already took run to their outcome. */
    void close() {
        closed = true;
        failQueued();
    }

    private void failQueued() {
        Pending p;
        while ((p = poll()) != null) {
            p.future().completeExceptionally(new CompletionException(new ConnectionException("the transport is closed", null)));
        }
    }
}
