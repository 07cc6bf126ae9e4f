package dev.mailgate.core.mime;

import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.message.OutboundMessage;
import dev.mailgate.core.message.RawMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Objects;

/**
 * Renders an {@link EmailMessage} as RFC 5322 / MIME (RFC 2045-2049) bytes: CRLF line breaks only, no line over
 * 998 octets, headers folded at 78, RFC 2047 encoded-words for non-ASCII header text, RFC 2231 for non-ASCII file
 * names, quoted-printable or base64 chosen per part, multipart/alternative, /related and /mixed nested as needed.
 *
 * <p>Immutable and thread-safe. By default the output is 7-bit clean; a transport that sees 8BITMIME or SMTPUTF8
 * advertised can render with {@link #withEightBitMime} / {@link #withSmtpUtf8}. With a fixed {@link Clock} and a
 * sequential {@link BoundarySource} the output is deterministic.
 */
public final class MimeWriter {
    private static final MimeWriter STANDARD = builder().build();

    final Clock clock;
    final BoundarySource boundaries;
    final boolean eightBitMime;
    final boolean smtpUtf8;

    private MimeWriter(Builder b) {
        this.clock = b.clock;
        this.boundaries = b.boundaries;
        this.eightBitMime = b.eightBitMime;
        this.smtpUtf8 = b.smtpUtf8;
    }

    /** System clock, random boundaries, 7-bit output. */
    public static MimeWriter standard() {
        return STANDARD;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A writer that may send 8-bit text bodies (the peer offered 8BITMIME, RFC 6152). */
    public MimeWriter withEightBitMime(boolean allowed) {
        Builder b = toBuilder();
        b.eightBitMime = allowed;
        return b.build();
    }

    /**
     * A writer that may put UTF-8 in headers and addresses (the peer offered SMTPUTF8, RFC 6531/6532). Implies
     * 8BITMIME, which RFC 6531 section 3.1 requires of an SMTPUTF8 server.
     */
    public MimeWriter withSmtpUtf8(boolean allowed) {
        Builder b = toBuilder();
        b.smtpUtf8 = allowed;
        b.eightBitMime |= allowed;
        return b.build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.clock = clock;
        b.boundaries = boundaries;
        b.eightBitMime = eightBitMime;
        b.smtpUtf8 = smtpUtf8;
        return b;
    }

    /**
     * Streams the rendered message to {@code out} (which is flushed, not closed).
     *
     * @return the number of octets written
     * @throws IOException when {@code out} fails
     * @throws MessageRenderException when an attachment cannot be read, an address needs SMTPUTF8, or the
     *     {@link BoundarySource} gives a suffix that is not 1 to 60 boundary characters
     */
    public long writeTo(EmailMessage message, OutputStream out) throws IOException {
        Objects.requireNonNull(message, "message");
        MimeOutput sink = new MimeOutput(out);
        try {
            new Renderer(this, sink).message(message);
            sink.flush();
            return sink.total();
        } finally {
            sink.release();
        }
    }

    /** The rendered message as bytes. */
    public byte[] toBytes(EmailMessage message) {
        Objects.requireNonNull(message, "message");
        MimeOutput sink = new MimeOutput(sizeHint(message));
        try {
            new Renderer(this, sink).message(message);
            return sink.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory output cannot fail", e);
        } finally {
            sink.release();
        }
    }

    /** The exact number of octets {@link #writeTo} produces, measured by rendering into a counter. */
    public long renderedSize(EmailMessage message) {
        try {
            return writeTo(message, OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("null sink cannot fail", e);
        }
    }

    /** Renders a message (or takes a raw message's bytes) together with its envelope, for rules and transports. */
    public RenderedMessage render(OutboundMessage message) {
        if (message instanceof EmailMessage email) {
            return new RenderedMessage(toBytes(email), email.envelope(), email.messageId(), email);
        }
        RawMessage raw = (RawMessage) message;
        return new RenderedMessage(raw.bytes(), raw.envelope(), raw.messageId(), null);
    }

    /** Optional settings of a {@link MimeWriter}. */
    public static final class Builder {
        private Clock clock = Clock.systemDefaultZone();
        private BoundarySource boundaries = BoundarySource.random();
        private boolean eightBitMime;
        private boolean smtpUtf8;

        private Builder() {
        }

        /** The clock that stamps the Date header of messages without a date. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder boundaries(BoundarySource source) {
            this.boundaries = Objects.requireNonNull(source, "source");
            return this;
        }

        public Builder eightBitMime(boolean allowed) {
            this.eightBitMime = allowed;
            return this;
        }

        public Builder smtpUtf8(boolean allowed) {
            this.smtpUtf8 = allowed;
            this.eightBitMime |= allowed;
            return this;
        }

        public MimeWriter build() {
            return new MimeWriter(this);
        }
    }

    /** A first guess of the rendered size, so that the output array rarely has to grow (each growth is a copy). */
    private static int sizeHint(EmailMessage m) {
        long chars = 4096L + m.text().map(String::length).orElse(0) + m.html().map(String::length).orElse(0);
        // Encodings add up to a third (base64) or more (quoted-printable of non-ASCII); an eighth covers typical text.
        return (int) Math.min(Integer.MAX_VALUE - 16, chars + (chars >> 3) + m.attachments().size() * 16384L);
    }
}
