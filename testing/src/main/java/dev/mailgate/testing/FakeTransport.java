package dev.mailgate.testing;

import dev.mailgate.core.MailException;
import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.message.OutboundMessage;
import dev.mailgate.core.mime.MimeWriter;
import dev.mailgate.core.mime.RenderedMessage;
import dev.mailgate.core.transport.MailTimeoutException;
import dev.mailgate.core.transport.MessagePreparation;
import dev.mailgate.core.transport.RecipientOutcome;
import dev.mailgate.core.transport.SendReceipt;
import dev.mailgate.core.transport.ServerRejectedException;
import dev.mailgate.core.transport.SmtpReply;
import dev.mailgate.core.transport.Transport;
import dev.mailgate.core.validation.CoreRules;
import dev.mailgate.core.validation.MessageValidator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A transport with scripted behaviour, for testing how code handles what servers do:
 *
 * <pre>{@code
 * FakeTransport fake = FakeTransport.builder()
 *         .rejectRecipient("gone@example.com", SmtpReply.of(550, "5.1.1 user unknown"))
 *         .failSend(2, SmtpReply.of(421, "4.3.2 service shutting down"))
 *         .delay(Duration.ofMillis(20))
 *         .build();
 * }</pre>
 *
 * Accepted messages are recorded like {@link RecordingTransport} records them. A send whose every recipient is
 * rejected fails with {@link ServerRejectedException}, as a real SMTP client cannot send DATA without a recipient.
 */
public final class FakeTransport implements Transport {
    private static final SmtpReply ACCEPTED = SmtpReply.of(250, "2.1.5 OK");

    private final RecordingTransport recorder;
    private final Map<EmailAddress, SmtpReply> rejections;
    private final Map<Integer, MailException> failures;
    private final Duration delay;
    private final AtomicInteger attempts = new AtomicInteger();

    private FakeTransport(Builder b) {
        this.recorder = new RecordingTransport(b.preparation != null ? b.preparation
                : MessagePreparation.builder().writer(b.writer).validator(b.validator).build());
        this.rejections = Map.copyOf(b.rejections);
        this.failures = Map.copyOf(b.failures);
        this.delay = b.delay;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public SendReceipt send(OutboundMessage message) {
        int attempt = attempts.incrementAndGet();
        RenderedMessage rendered = recorder.prepare(message);
        pause();
        MailException failure = failures.get(attempt);
        if (failure != null) {
            throw failure;
        }
        List<RecipientOutcome> outcomes = new ArrayList<>();
        SmtpReply lastRejection = null;
        for (EmailAddress rcpt : rendered.envelope().recipients()) {
            SmtpReply rejection = rejections.get(rcpt);
            if (rejection != null) {
                outcomes.add(new RecipientOutcome.Rejected(rcpt, rejection));
                lastRejection = rejection;
            } else {
                outcomes.add(new RecipientOutcome.Accepted(rcpt, ACCEPTED));
            }
        }
        if (lastRejection != null && outcomes.stream().noneMatch(o -> o instanceof RecipientOutcome.Accepted)) {
            throw new ServerRejectedException("RCPT", lastRejection);
        }
        return recorder.record(message, rendered, outcomes);
    }

    private void pause() {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MailTimeoutException("send (interrupted while delayed)", delay, e);
        }
    }

    /** Every accepted message. */
    public List<SentMessage> sent() {
        return recorder.sent();
    }

    /** How many times {@link #send} was called, failed calls included. */
    public int attempts() {
        return attempts.get();
    }

    public RecordingTransport recorder() {
        return recorder;
    }

    @Override
    public void close() {
        recorder.close();
    }

    /** The script of a {@link FakeTransport}. */
    public static final class Builder {
        private final Map<EmailAddress, SmtpReply> rejections = new HashMap<>();
        private final Map<Integer, MailException> failures = new HashMap<>();
        private Duration delay = Duration.ZERO;
        private MimeWriter writer = MimeWriter.standard();
        private MessageValidator validator = MessageValidator.of(CoreRules.defaults());
        private MessagePreparation preparation;

        private Builder() {
        }

        /** RCPT TO of this address gets {@code reply}; the other recipients still receive the message. */
        public Builder rejectRecipient(String address, SmtpReply reply) {
            return rejectRecipient(EmailAddress.parse(address), reply);
        }

        public Builder rejectRecipient(EmailAddress address, SmtpReply reply) {
            if (reply.isPositive()) {
                throw new IllegalArgumentException("a rejection needs a 4xx or 5xx reply, got " + reply);
            }
            rejections.put(address, reply);
            return this;
        }

        /** The {@code n}-th call of send (1-based) fails as a server would with {@code reply} after DATA. */
        public Builder failSend(int n, SmtpReply reply) {
            return failSend(n, new ServerRejectedException("DATA", reply));
        }

        /** The {@code n}-th call of send (1-based) throws {@code error}. */
        public Builder failSend(int n, MailException error) {
            if (n < 1) {
                throw new IllegalArgumentException("send numbers start at 1, got " + n);
            }
            failures.put(n, Objects.requireNonNull(error, "error"));
            return this;
        }

        /** Every send waits this long before answering. */
        public Builder delay(Duration delay) {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("delay must not be negative: " + delay);
            }
            this.delay = delay;
            return this;
        }

        public Builder writer(MimeWriter writer) {
            this.writer = Objects.requireNonNull(writer, "writer");
            return this;
        }

        /** The validator run before each send (default: the core rules). */
        public Builder validator(MessageValidator validator) {
            this.validator = Objects.requireNonNull(validator, "validator");
            return this;
        }

        /**
         * The whole preparation (in place of {@link #writer} and {@link #validator}): a real transport's
         * ({@code SmtpTransport.preparation()}) records what it would send.
         */
        public Builder preparation(MessagePreparation preparation) {
            this.preparation = Objects.requireNonNull(preparation, "preparation");
            return this;
        }

        public FakeTransport build() {
            return new FakeTransport(this);
        }
    }
}
