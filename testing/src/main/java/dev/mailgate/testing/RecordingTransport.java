package dev.mailgate.testing;

import dev.mailgate.core.message.OutboundMessage;
import dev.mailgate.core.mime.MimeWriter;
import dev.mailgate.core.mime.RenderedMessage;
import dev.mailgate.core.transport.ConnectionException;
import dev.mailgate.core.transport.MessagePreparation;
import dev.mailgate.core.transport.RecipientOutcome;
import dev.mailgate.core.transport.SendReceipt;
import dev.mailgate.core.transport.SmtpReply;
import dev.mailgate.core.transport.Transport;
import dev.mailgate.core.validation.MessageValidator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A transport that prepares and keeps every message instead of sending it, so a test can look at what would have
 * gone on the wire. Thread-safe. It runs a {@link MessagePreparation}, the chain the SMTP transport runs (default
 * From, the provider's steps, render, validate, DKIM): given the one of a real transport
 * ({@code SmtpTransport.preparation()}), it records the bytes and envelope that transport would send, and refuses
 * what it would refuse. By default: the standard writer and the core rules.
 */
public final class RecordingTransport implements Transport {
    private static final SmtpReply ACCEPTED = SmtpReply.of(250, "2.1.5 OK");

    private final MessagePreparation preparation;
    private final List<SentMessage> sent = new ArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile boolean closed;

    public RecordingTransport() {
        this(MessagePreparation.standard());
    }

    public RecordingTransport(MimeWriter writer, MessageValidator validator) {
        this(MessagePreparation.builder().writer(writer).validator(validator).build());
    }

    /** Records what {@code preparation} makes of each message (a real transport's, to record what it would send). */
    public RecordingTransport(MessagePreparation preparation) {
        this.preparation = Objects.requireNonNull(preparation, "preparation");
    }

    @Override
    public SendReceipt send(OutboundMessage message) {
        RenderedMessage rendered = prepare(message);
        List<RecipientOutcome> outcomes = rendered.envelope().recipients().stream()
                .map(r -> (RecipientOutcome) new RecipientOutcome.Accepted(r, ACCEPTED)).toList();
        return record(message, rendered, outcomes);
    }

    /** Runs the preparation; fails the way a closed real transport would. */
    RenderedMessage prepare(OutboundMessage message) {
        if (closed) {
            throw new ConnectionException("the transport is closed", null);
        }
        return preparation.prepare(message).rendered();
    }

    /** Keeps the message and returns its receipt, with a provider id of the form {@code recording-N}. */
    SendReceipt record(OutboundMessage message, RenderedMessage rendered, List<RecipientOutcome> outcomes) {
        Instant now = Instant.now();
        SendReceipt receipt = new SendReceipt(rendered.messageId(), Optional.of("recording-" + ids.incrementAndGet()),
                outcomes, now, Duration.ZERO);
        synchronized (sent) {
            sent.add(new SentMessage(message, rendered, receipt));
            sent.notifyAll();
        }
        return receipt;
    }

    /** Every accepted message, in the order sent. */
    public List<SentMessage> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    /** The last message sent. */
    public SentMessage last() {
        synchronized (sent) {
            if (sent.isEmpty()) {
                throw new AssertionError("no message was sent");
            }
            return sent.get(sent.size() - 1);
        }
    }

    public int count() {
        synchronized (sent) {
            return sent.size();
        }
    }

    /** Waits until at least {@code n} messages were sent (for code that sends asynchronously). */
    public List<SentMessage> awaitCount(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (sent) {
            while (sent.size() < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("expected " + n + " sent messages within " + timeout + ", got " + sent.size());
                }
                sent.wait(Math.max(1, left / 1_000_000));
            }
            return List.copyOf(sent);
        }
    }

    /** Forgets what was sent. */
    public void clear() {
        synchronized (sent) {
            sent.clear();
        }
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }
}
