package dev.mailgate.smtp;

import dev.mailgate.core.MailException;
import dev.mailgate.core.message.OutboundMessage;
import dev.mailgate.core.transport.SendReceipt;
import dev.mailgate.core.transport.SendResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.ObjIntConsumer;

/**
 * One {@link SmtpTransport#sendBatch} call: its workers take the messages from one shared index, each sending them
 * through one session after another with chained pipelining for as long as the index lasts. Every message taken
 * gets exactly one result.
 */
final class BatchSend {
    /**
     * The most messages a worker that could get no connection takes to retry one by one (each as a single send)
     * before it tries to claim one again.
     */
    private static final int NO_CONNECTION_SHARE = 64;

    private final SmtpTransport transport;
    private final ConnectionPool pool;
    private final SmtpConfig config;
    private final List<OutboundMessage> list;
    private final SendResult[] results;
    private final AtomicInteger next = new AtomicInteger();
    private final int workers;
    /** Told each message's result (and its index) as soon as it is known; sendAsync completes its futures so. */
    private final ObjIntConsumer<SendResult> onResult;

    BatchSend(SmtpTransport transport, ConnectionPool pool, SmtpConfig config, List<OutboundMessage> list, int workers) {
        this(transport, pool, config, list, workers, (r, i) -> { });
    }

    BatchSend(SmtpTransport transport, ConnectionPool pool, SmtpConfig config, List<OutboundMessage> list, int workers,
            ObjIntConsumer<SendResult> onResult) {
        this.transport = transport;
        this.pool = pool;
        this.config = config;
        this.list = list;
        this.results = new SendResult[list.size()];
        this.workers = workers;
        this.onResult = onResult;
    }

    private void set(int i, SendResult result) {
        results[i] = result;
        onResult.accept(result, i);
    }

    /**
     * A result known while the run holds a session: told to {@code onResult} only once it holds none. A sendAsync
     * future's dependent stages run on the thread that completes it, and one that sends (or blocks) must not do so
     * inside a transaction, with the session's permit held (on a pool of one it would wait for itself).
     */
    private void hold(Run run, int i, SendResult result) {
        results[i] = result;
        run.settled.add(i);
    }

    private void tell(Run run) {
        for (int i : run.settled) {
            onResult.accept(results[i], i);
        }
        run.settled.clear();
    }

    /** The results in the order of the messages; complete once every worker has returned. */
    List<SendResult> results() {
        return Arrays.asList(results);
    }

    /** One worker: runs until the index is used up. */
    void work() {
        while (next.get() < list.size()) {
            if (run() == 0) {
                return;
            }
        }
    }

    /**
     * One run: messages from the shared index until it is used up. The workers take them one at a time as their
     * sessions ask, so they share the batch by how fast each goes and end together; and a session's chain is as
     * long as the batch lets it be. Runs used to take an even share of at most 64 messages and drain their session
     * in between: every 64 messages a chain began again, its first message two round trips (the content waits for
     * the 354, RFC 2920 section 3.1), 1.6 % more server turns than one chain (issue 25). Messages are prepared when
     * a session asks for them, so rendering overlaps the network; a session that reaches maxMessagesPerConnection
     * hands its untried messages to the next one, which was opened while it finished (issue 25: the reconnect off
     * the sending thread). The failed ones are retried after the run. Returns the number of messages taken.
     */
    private int run() {
        ConnectionPool.Spare spare = pool.spare();
        Run run = new Run(spare);
        List<TransactionOutcome.Failed> failures = new ArrayList<>();
        Consumer<TransactionOutcome> outcomes = outcome -> {
            if (outcome instanceof TransactionOutcome.Delivered d) {
                hold(run, run.indexes.get(d.message()), new SendResult.Sent(d.message().message(), d.receipt()));
            } else {
                failures.add((TransactionOutcome.Failed) outcome);
            }
        };
        SmtpConnection connection = null;
        try {
            connection = pool.claim(System.nanoTime() + config.sendDeadline.toNanos());
            while (true) {
                run.carried.addAll(connection.sendChain(run, outcomes));
                // Not "did this session hand any on": a session that breaks stops asking for messages, and what an
                // earlier full session handed on may still be waiting, outside the batch's index.
                if (run.carried.isEmpty()) {
                    break;
                }
                SmtpConnection done = connection;
                connection = null;
                connection = pool.handOver(done, spare, System.nanoTime() + config.sendDeadline.toNanos());
            }
        } catch (MailException e) {
            // No connection: what was handed on, and an even share of what is left (the other workers may still have
            // theirs), are prepared anyway and each retried on its own below.
            int share = run.carried.size() + Math.min(NO_CONNECTION_SHARE, (Math.max(0, list.size() - next.get()) + workers - 1) / workers);
            Prepared p;
            for (int k = 0; k < share && (p = run.next()) != null; k++) {
                failures.add(new TransactionOutcome.Failed(p, e));
            }
        } catch (RuntimeException | Error e) {
            // Not a message's failure (those are typed): the session stopped mid-transaction, so it must not be
            // reused. What it delivered before is told below, before the error goes on.
            if (connection != null) {
                connection.markBroken();
            }
            throw e;
        } finally {
            if (connection != null) {
                // A full session is retired here (its QUIT off this thread) before the next one is claimed.
                pool.release(connection);
            }
            spare.discard();
            tell(run);
        }
        for (TransactionOutcome.Failed f : failures) {
            // Retried one by one as a single send would be.
            Prepared p = f.message();
            int i = run.indexes.get(p);
            try {
                set(i, new SendResult.Sent(p.message(), transport.retry(p, f.error())));
            } catch (MailException e) {
                set(i, new SendResult.Failed(p.message(), e));
            }
        }
        for (int i : run.deferred) {
            OutboundMessage m = list.get(i);
            try {
                set(i, new SendResult.Sent(m, transport.send(m)));
            } catch (MailException e) {
                set(i, new SendResult.Failed(m, e));
            }
        }
        return run.taken;
    }

    /** The messages of one run, as the sessions ask for them: first those a full session handed on. */
    private final class Run implements TransactionEngine.ChainSource {
        private int taken;
        private final Map<Prepared, Integer> indexes = new IdentityHashMap<>();
        /** Messages that have to wait for the quota's reset: sent one by one after the run, outside any session. */
        private final List<Integer> deferred = new ArrayList<>();
        /** Indexes of the results set while the run held a session, not yet told to onResult. */
        private final List<Integer> settled = new ArrayList<>();
        /** What a session left when it reached maxMessagesPerConnection: first in line on the next session. */
        private final ArrayDeque<Prepared> carried = new ArrayDeque<>();
        private final ConnectionPool.Spare spare;

        Run(ConnectionPool.Spare spare) {
            this.spare = spare;
        }

        @Override
        public Prepared next() {
            if (!carried.isEmpty()) {
                return carried.poll();
            }
            while (true) {
                int i = next.getAndIncrement();
                if (i >= list.size()) {
                    return null;
                }
                taken++;
                OutboundMessage m = list.get(i);
                try {
                    Prepared p = transport.prepareForSession(m);
                    if (p == null) {
                        deferred.add(i);
                        continue;
                    }
                    indexes.put(p, i);
                    return p;
                } catch (MailException e) {
                    hold(this, i, new SendResult.Failed(m, e));
                }
            }
        }

        @Override
        public SmtpConnection successor() {
            return spare.ready();
        }

        @Override
        public void roomLeft(int room) {
            // Opened only when this run still has more messages than the session can take: then it is needed. The
            // workers share what is left, so this one's part of it is an even share.
            int waiting = carried.size() + (Math.max(0, list.size() - next.get()) + workers - 1) / workers;
            if (waiting > room) {
                spare.open(System.nanoTime() + config.sendDeadline.toNanos());
            }
        }
    }
}
