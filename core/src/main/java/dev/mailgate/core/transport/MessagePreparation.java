package dev.mailgate.core.transport;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.dkim.DkimSigner;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.message.Envelope;
import dev.mailgate.core.message.OutboundMessage;
import dev.mailgate.core.mime.MimeWriter;
import dev.mailgate.core.mime.RenderedMessage;
import dev.mailgate.core.validation.CoreRules;
import dev.mailgate.core.validation.MessageValidator;
import dev.mailgate.core.validation.Rule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The one preparation every transport runs before anything goes on the wire, in this order:
 * <ol>
 *   <li>the default From, for a message that has none;</li>
 *   <li>the provider's envelope policy: its {@link Step}s, in the order they were added (a VERP return path, a
 *       provider header);</li>
 *   <li>render ({@link MimeWriter}), with the SMTPUTF8 need decided here, once (RFC 6531: a non-ASCII local part in
 *       the envelope or an address header), and 8bit text bodies when the transport's session allows them;</li>
 *   <li>validate: the core rules and the provider's, on the rendered bytes, every violation at once;</li>
 *   <li>DKIM ({@link DkimSigner}), over exactly the validated bytes.</li>
 * </ol>
 * The SMTP transport and the test transports share it, so a test transport records the bytes and envelope SMTP
 * would send. Immutable and thread-safe; a failing step's exception reaches the caller as it is.
 */
public final class MessagePreparation {
    private final EmailAddress defaultFrom;
    private final List<Step> steps;
    /** The writer for messages without SMTPUTF8 needs: as configured, then with 8bit text bodies off and on. */
    private final MimeWriter writer;
    private final MimeWriter sevenBit;
    private final MimeWriter eightBit;
    /** The writer for messages that need SMTPUTF8 (which implies 8BITMIME, RFC 6531 section 3.1). */
    private final MimeWriter utf8;
    private final MessageValidator validator;
    private final DkimSigner signer;

    private MessagePreparation(Builder b) {
        this.defaultFrom = b.defaultFrom;
        this.steps = List.copyOf(b.steps);
        // Made once here, not per message: each with...() call copies the writer.
        this.writer = b.writer.withSmtpUtf8(false);
        this.sevenBit = writer.withEightBitMime(false);
        this.eightBit = writer.withEightBitMime(true);
        this.utf8 = b.writer.withSmtpUtf8(true);
        this.validator = b.validator != null ? b.validator : MessageValidator.of(CoreRules.defaults()).and(b.rules);
        this.signer = b.signer;
    }

    /** The standard writer and the core rules, with no default From, step or signature. */
    public static MessagePreparation standard() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** One step of a provider's envelope policy: the message in, the message to render out. */
    @FunctionalInterface
    public interface Step {
        OutboundMessage apply(OutboundMessage message);
    }

    /**
     * A message ready for a transport.
     *
     * @param message the message as rendered: after the default From and the steps
     * @param rendered the bytes to send (DKIM-signed when a signer is set) and the envelope
     * @param smtpUtf8 whether it needs the SMTPUTF8 extension (RFC 6531): decided once, here
     */
    public record Prepared(OutboundMessage message, RenderedMessage rendered, boolean smtpUtf8) {
        public Prepared {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(rendered, "rendered");
        }
    }

    /** Runs the chain; throws what a step, the writer, a rule ({@code ValidationException}) or the signer throws. */
    public Prepared prepare(OutboundMessage message) {
        OutboundMessage m = stepped(message);
        boolean smtpUtf8 = needsSmtpUtf8(m);
        return finish(m, smtpUtf8 ? utf8 : writer, smtpUtf8);
    }

    /**
     * Runs the chain for a transport that knows its session: with {@code eightBitMime} (the server offered 8BITMIME,
     * RFC 6152) text bodies go out 8bit where MIME allows it (UTF-8 text with no line over 998 octets, RFC 5322
     * section 2.1.1), else in the 7-bit form whatever the writer's own setting. A raw message is sent as given.
     */
    public Prepared prepare(OutboundMessage message, boolean eightBitMime) {
        OutboundMessage m = stepped(message);
        boolean smtpUtf8 = needsSmtpUtf8(m);
        return finish(m, smtpUtf8 ? utf8 : eightBitMime ? eightBit : sevenBit, smtpUtf8);
    }

    /**
     * A prepared message rendered again for another session ({@link #prepare(OutboundMessage, boolean)}), e.g. in
     * the 7-bit form for a retry on a server without 8BITMIME: the steps are not run again (their message is kept),
     * the rules and the signer are, so that what is checked and signed is what is sent.
     */
    public Prepared again(Prepared prepared, boolean eightBitMime) {
        Objects.requireNonNull(prepared, "prepared");
        boolean smtpUtf8 = prepared.smtpUtf8();
        return finish(prepared.message(), smtpUtf8 ? utf8 : eightBitMime ? eightBit : sevenBit, smtpUtf8);
    }

    private OutboundMessage stepped(OutboundMessage message) {
        Objects.requireNonNull(message, "message");
        OutboundMessage m = withDefaultFrom(message);
        for (Step step : steps) {
            m = Objects.requireNonNull(step.apply(m), "a preparation step returned null");
        }
        return m;
    }

    private Prepared finish(OutboundMessage m, MimeWriter w, boolean smtpUtf8) {
        RenderedMessage rendered = w.render(m);
        validator.requireValid(rendered);
        // The signature covers the exact bytes that are sent; dot-stuffing is undone by the receiver before it verifies.
        return new Prepared(m, signer == null ? rendered : rendered.signed(signer), smtpUtf8);
    }

    private OutboundMessage withDefaultFrom(OutboundMessage message) {
        if (defaultFrom != null && message instanceof EmailMessage email && email.from().isEmpty()) {
            return email.toBuilder().from(defaultFrom).build();
        }
        return message;
    }

    /** RFC 6531 section 3.2: needed when an address of the envelope or of the headers has a non-ASCII local part. */
    static boolean needsSmtpUtf8(OutboundMessage message) {
        Envelope e = message.envelope();
        if (e.mailFrom().map(EmailAddress::requiresSmtpUtf8).orElse(false) || e.recipients().stream().anyMatch(EmailAddress::requiresSmtpUtf8)) {
            return true;
        }
        if (message instanceof EmailMessage m) {
            return m.from().map(EmailAddress::requiresSmtpUtf8).orElse(false)
                    || m.to().stream().anyMatch(EmailAddress::requiresSmtpUtf8)
                    || m.cc().stream().anyMatch(EmailAddress::requiresSmtpUtf8)
                    || m.replyTo().stream().anyMatch(EmailAddress::requiresSmtpUtf8)
                    || m.sender().map(EmailAddress::requiresSmtpUtf8).orElse(false);
        }
        return false;
    }

    /** The parts of a {@link MessagePreparation}; every one optional. */
    public static final class Builder {
        private EmailAddress defaultFrom;
        private final List<Step> steps = new ArrayList<>();
        private MimeWriter writer = MimeWriter.standard();
        private final List<Rule> rules = new ArrayList<>();
        private MessageValidator validator;
        private DkimSigner signer;

        private Builder() {
        }

        /** The From of messages that have none. */
        public Builder defaultFrom(EmailAddress from) {
            this.defaultFrom = from;
            return this;
        }

        /** Adds a step of the provider's envelope policy, run after those added before. */
        public Builder step(Step step) {
            steps.add(Objects.requireNonNull(step, "step"));
            return this;
        }

        public Builder writer(MimeWriter writer) {
            this.writer = Objects.requireNonNull(writer, "writer");
            return this;
        }

        /** Rules checked after the core rules (provider modules add theirs). */
        public Builder rules(Collection<? extends Rule> more) {
            rules.addAll(more);
            return this;
        }

        /** Replaces the core rules and any {@link #rules} with this validator. */
        public Builder validator(MessageValidator validator) {
            this.validator = Objects.requireNonNull(validator, "validator");
            return this;
        }

        /** Signs every message with DKIM after it is rendered and checked. */
        public Builder dkim(DkimSigner signer) {
            this.signer = Objects.requireNonNull(signer, "signer");
            return this;
        }

        public MessagePreparation build() {
            return new MessagePreparation(this);
        }
    }
}
