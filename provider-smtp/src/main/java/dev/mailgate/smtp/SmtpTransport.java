package dev.mailgate.smtp;

import dev.mailgate.core.MailException;
import dev.mailgate.core.dkim.DkimSigner;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.message.Envelope;
import dev.mailgate.core.message.OutboundMessage;
import dev.mailgate.core.mime.MimeWriter;
import dev.mailgate.core.mime.RenderedMessage;
import dev.mailgate.core.transport.ConnectionException;
import dev.mailgate.core.transport.MessagePreparation;
import dev.mailgate.core.transport.OutcomeUnknownException;
import dev.mailgate.core.transport.SendReceipt;
import dev.mailgate.core.transport.SendResult;
import dev.mailgate.core.transport.ServerRejectedException;
import dev.mailgate.core.transport.SharedQuota;
import dev.mailgate.core.transport.Transport;
import dev.mailgate.core.validation.Rule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

/**
 * Sends through an SMTP server: validates and renders each message once, then submits the same bytes over a
 * pooled, pipelined, TLS-protected session, retrying transient failures on a fresh connection.
 *
 * <p>Retried is what the failure's {@link MailException#isRetrySafe()} says is safe: connection failures and
 * timeouts before the message was handed over, and 4xx replies (421, 450, 451, 452, ...), with exponential backoff
 * and jitter, at most {@code maxAttempts} times within the send deadline. Not retried: 5xx (reported per recipient,
 * or as {@link ServerRejectedException}), authentication failures, TLS failures
 * ({@link dev.mailgate.core.transport.TlsException}), and a connection lost after the final dot ({@link
 * OutcomeUnknownException}: the message may have been delivered).
 */
public final class SmtpTransport implements Transport {
    private static final System.Logger LOG = System.getLogger(SmtpTransport.class.getName());

    private final SmtpConfig config;
    private final TransportContext context;
    private final ConnectionPool pool;
    private final RateLimiter limiter;
    private final MessagePreparation preparation;
    /** Which form, 8bit or 7-bit text bodies, a message is rendered in for which session. */
    private final EightBitMime bodies;
    private final Executor executor;
    private final AsyncQueue async;
    private final Clock clock;
    private volatile boolean closed;

    private SmtpTransport(Builder b) {
        this.config = b.config;
        this.preparation = b.preparation.defaultFrom(b.config.defaultFrom).build();
        this.bodies = new EightBitMime(EightBitMime.enabled(b.config.eightBitMime, b.signs), preparation);
        this.context = new TransportContext(b.config, b.provider, b.listener, b.queueIdExtractor, bodies);
        this.pool = new ConnectionPool(context);
        this.clock = b.clock;
        this.limiter = new RateLimiter(b.config.maxPerDay, b.config.maxPerSecond, b.config.waitForQuota, b.clock, b.sharedQuota);
        this.executor = b.executor;
        this.async = new AsyncQueue(b.config.maxConnections, b.executor, this::sendRunHere);
    }

    /** A transport with the core rules, the standard writer and the shared async pool. */
    public static SmtpTransport create(SmtpConfig config) {
        return builder(config).build();
    }

    public static Builder builder(SmtpConfig config) {
        return new Builder(config);
    }

    @Override
    public SendReceipt send(OutboundMessage message) {
        Instant started = clock.instant();
        long startNanos = System.nanoTime();
        Prepared prepared = prepare(message, started, startNanos, true);
        // Waited here rather than on a claimed connection, so that paced senders do not hold the pool.
        prepared.permit().awaitSlot();
        return attempts(prepared, 1, null);
    }

    /**
     * Runs the {@link MessagePreparation} once (default From, the provider's steps, render for the session to come
     * ({@link EightBitMime}), validate, DKIM), then
     * takes the message's share of the quota; a message that breaks a rule never gets near a connection. Any
     * failure is a {@link MailException}: one a step throws is wrapped, so that a
     * batch reports it for its message. Returns null when the daily quota is used up, the transport waits for its
     * reset, and {@code mayWait} is false: a session asked for the message, and must not wait for hours between a
     * 354 and the content.
     */
    private Prepared prepare(OutboundMessage message, Instant started, long startNanos, boolean mayWait) {
        if (closed) {
            throw new ConnectionException("the transport is closed", null);
        }
        EightBitMime.Form form;
        try {
            form = bodies.prepare(message);
        } catch (MailException e) {
            throw e;
        } catch (RuntimeException | AssertionError e) {
            // The application's steps, rules and signer run here: their bug (an assert included) fails this message
            // alone, typed, also inside a chain, where an untyped error would end every message of the run.
            throw new PreparationException(label(message), e);
        }
        RenderedMessage rendered = form.prepared().rendered();
        Envelope envelope = rendered.envelope();
        RateLimiter.Permit permit = limiter.acquire(started.plus(config.sendDeadline), mayWait);
        if (permit == null) {
            return null;
        }
        return new Prepared(new SmtpEventListener.Send(context.provider(), message, rendered.messageId()), envelope.mailFrom().orElse(null),
                envelope.recipients(), form, permit, started, startNanos, startNanos + config.sendDeadline.toNanos());
    }

    private static String label(OutboundMessage message) {
        return message instanceof EmailMessage m ? m.messageId().orElse("(no Message-ID)") : "(raw message)";
    }

    /**
     * Sends, retrying transient failures on fresh connections. {@code firstFailure} is a failure an earlier
     * (chained) attempt already had, which counts as attempt 1.
     */
    private SendReceipt attempts(Prepared p, int firstAttempt, MailException firstFailure) {
        Instant deadline = p.startedAt().plus(config.sendDeadline);
        MailException last = firstFailure;
        if (last != null && !mayRetry(p, last, firstAttempt - 1, deadline)) {
            return fail(p, last);
        }
        for (int attempt = firstAttempt; attempt <= config.maxAttempts; attempt++) {
            SmtpConnection connection = null;
            TransactionOutcome outcome;
            try {
                connection = pool.claim(p.deadlineNanos());
                outcome = connection.send(p);
            } catch (MailException e) {
                outcome = new TransactionOutcome.Failed(p, e);
            } finally {
                // Released before any backoff: a waiting retry holds no pool slot.
                if (connection != null) {
                    pool.release(connection);
                }
            }
            if (outcome instanceof TransactionOutcome.Delivered delivered) {
                return delivered.receipt();
            }
            last = ((TransactionOutcome.Failed) outcome).error();
            if (!mayRetry(p, last, attempt, deadline)) {
                break;
            }
        }
        return fail(p, last);
    }

    /** Decides on a retry, and if there is one, tells the listener and waits the backoff. */
    private boolean mayRetry(Prepared p, MailException e, int attempt, Instant deadline) {
        Duration delay = backoff(attempt);
        // The exception's own contract decides (MailException.isRetrySafe): 4xx replies, connection failures and
        // timeouts before the final dot are; TLS failures (TlsException), AUTH refusals, 5xx and an unknown outcome
        // are not. A closed transport has no connection left to retry on.
        if (closed || !e.isRetrySafe() || attempt >= config.maxAttempts || clock.instant().plus(delay).isAfter(deadline)) {
            return false;
        }
        context.listener().retrying(p.send(), attempt, e, delay);
        LOG.log(System.Logger.Level.DEBUG, () -> "attempt " + attempt + " for <" + p.label() + "> failed, retrying in " + delay.toMillis() + " ms: " + e.getMessage());
        sleep(delay, e);
        return true;
    }

    private SendReceipt fail(Prepared p, MailException failure) {
        // The server accepted nothing unless the outcome is unknown, so the quota gets the message back.
        if (!(failure instanceof OutcomeUnknownException)) {
            limiter.giveBack(p.permit());
        }
        context.listener().failed(p.send(), failure);
        throw failure;
    }

    /**
     * Queues the send; at most {@code maxConnections} threads of the executor take the queued sends, each its share
     * of what waits as one chained run (as {@link #sendBatch} sends), so thousands of pending sends cost memory for
     * their messages, not a thread each, and one round trip each on the wire. The future completes with
     * the receipt, or exceptionally with the {@link MailException} (wrapped in a {@code CompletionException}).
     * {@link #close()} fails the sends still queued with a {@link ConnectionException}; those already running end
     * as {@link #send} would on a closed transport (no further retry).
     */
    @Override
    public CompletableFuture<SendReceipt> sendAsync(OutboundMessage message) {
        return async.submit(message);
    }

    /**
     * Sends on up to {@code maxConnections} workers of the executor ({@link BatchSend}). Each worker claims a
     * connection and sends messages through it with chained pipelining (the content of one message and the
     * commands of the next in one write), taking them from one shared index until it is used up, so a waiting
     * message costs one round trip and the workers end together. Failures are retried one
     * by one as {@link #send} would; results are in the order of {@code messages}.
     */
    @Override
    public List<SendResult> sendBatch(Collection<? extends OutboundMessage> messages) {
        List<OutboundMessage> list = new ArrayList<>(messages);
        // A shared quota is reserved for the whole batch in one round trip; what is left is given back below.
        limiter.reserveAhead(list.size());
        int workers = Math.max(1, Math.min(config.maxConnections, list.size()));
        BatchSend batch = new BatchSend(this, pool, config, list, workers);
        List<CompletableFuture<Void>> running = new ArrayList<>(workers);
        for (int w = 0; w < workers; w++) {
            running.add(CompletableFuture.runAsync(batch::work, executor));
        }
        try {
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
        } finally {
            limiter.releaseAhead();
        }
        return batch.results();
    }

    /**
     * Sends {@code messages} as one chained run on the calling thread (a drainer of sendAsync's queue), telling
     * {@code onResult} each result as it is known. The shared quota is taken per message, as {@link #send} takes it:
     * the transport has one ahead-reservation, which concurrent runs would otherwise hand back for each other.
     */
    private void sendRunHere(List<OutboundMessage> messages, java.util.function.ObjIntConsumer<SendResult> onResult) {
        new BatchSend(this, pool, config, messages, 1, onResult).work();
    }

    /**
     * Prepares a message a session asked for: never waits for the quota's reset (null instead). Whatever breaks
     * in preparing, typed or not, belongs to this message, not to the whole batch.
     */
    Prepared prepareForSession(OutboundMessage m) {
        try {
            return prepare(m, clock.instant(), System.nanoTime(), false);
        } catch (MailException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new PreparationException(label(m), e);
        }
    }

    /** Retries, as {@link #send} would, a message whose first (chained) attempt failed with {@code first}. */
    SendReceipt retry(Prepared p, MailException first) {
        return attempts(p, 2, first);
    }

    /**
     * The preparation this transport runs on every message (its default From, the provider's steps, writer, rules
     * and DKIM signer): give it to a {@code RecordingTransport} or {@code FakeTransport} to record the bytes and
     * envelope this transport would send to a server without 8BITMIME, when the configured writer renders the
     * 7-bit form (its default; where the server offers 8BITMIME, non-ASCII text bodies go out 8bit instead:
     * {@link SmtpConfig.Builder#eightBitMime}).
     */
    public MessagePreparation preparation() {
        return preparation;
    }

    /** Messages taken from today's quota so far. */
    public long sentToday() {
        return limiter.usedToday();
    }

    @Override
    public void close() {
        closed = true;
        async.close();
        pool.close();
    }

    /** Exponential backoff with "equal jitter": half the delay fixed, half random, so retries spread out. */
    private Duration backoff(int attempt) {
        long base = config.initialBackoff.toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(base, config.maxBackoff.toMillis());
        long half = capped / 2;
        return Duration.ofMillis(half + (half > 0 ? ThreadLocalRandom.current().nextLong(half + 1) : 0));
    }

    private static void sleep(Duration d, MailException pending) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw pending;
        }
    }

    /** Optional parts of an {@link SmtpTransport}: provider rules, the writer, the executor. */
    public static final class Builder {
        private final SmtpConfig config;
        private final MessagePreparation.Builder preparation = MessagePreparation.builder();
        private Executor executor = Transport.defaultExecutor();
        private Clock clock = Clock.systemUTC();
        private SmtpEventListener listener = SmtpEventListener.NONE;
        private String provider = SmtpProvider.ID;
        private QueueIdExtractor queueIdExtractor = QueueIdExtractor.queuedAs();
        private SharedQuota sharedQuota;
        private boolean signs;

        private Builder(SmtpConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** Rules checked after the core rules, before anything is sent (provider modules add theirs). */
        public Builder rules(Collection<? extends Rule> more) {
            preparation.rules(more);
            return this;
        }

        /**
         * The writer messages are rendered with. Its 8BITMIME setting is the session's: text bodies go out 8bit
         * where the server offers 8BITMIME, as {@link SmtpConfig.Builder#eightBitMime} says.
         */
        public Builder writer(MimeWriter writer) {
            preparation.writer(writer);
            return this;
        }

        /** Where sendAsync and sendBatch run (default: a shared pool of daemon threads). */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** The clock of the daily quota and the deadline. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * A provider's envelope policy, applied to each message before it is rendered and checked (Episerver: MAIL
         * FROM is the From address; CloudMailin: MAIL FROM on the envelope subdomain). Receipts and batch results
         * still name the message the caller passed.
         */
        public Builder preparer(UnaryOperator<OutboundMessage> preparer) {
            // The same as step(...): kept for the provider modules that pass a UnaryOperator.
            Objects.requireNonNull(preparer, "preparer");
            preparation.step(preparer::apply);
            return this;
        }

        /** Adds a step of the provider's envelope policy (see {@link MessagePreparation}), after those added before. */
        public Builder step(MessagePreparation.Step step) {
            preparation.step(step);
            return this;
        }

        /**
         * Signs every message with DKIM after it is rendered and checked, so the signature covers exactly the bytes
         * the server receives.
         */
        public Builder dkim(DkimSigner signer) {
            preparation.dkim(signer);
            signs = true;
            return this;
        }

        /** How the provider's id of a message is read from the final reply (default {@link QueueIdExtractor#queuedAs()}). */
        public Builder queueIdExtractor(QueueIdExtractor extractor) {
            this.queueIdExtractor = Objects.requireNonNull(extractor, "extractor");
            return this;
        }

        /** Told of every step of the send path, in the order {@link SmtpEventListener} documents. */
        public Builder listener(SmtpEventListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * The provider name the listener's events carry (default {@code smtp}): a low-cardinality tag for metrics,
         * set by a provider module to its id ({@code ses}, {@code mailgun}, ...).
         */
        public Builder provider(String provider) {
            Objects.requireNonNull(provider, "provider");
            if (provider.isBlank()) {
                throw new IllegalArgumentException("provider must not be blank");
            }
            this.provider = provider;
            return this;
        }

        /**
         * Keeps the daily quota and the pace of {@link SmtpConfig} in a store shared by every instance sending
         * through the same account (issue 23), instead of in this JVM: N replicas then send the account's limit, not
         * N times it, and a restart does not give the day's quota back.
         */
        public Builder sharedQuota(SharedQuota quota) {
            this.sharedQuota = Objects.requireNonNull(quota, "quota");
            return this;
        }

        public SmtpTransport build() {
            return new SmtpTransport(this);
        }
    }
}
