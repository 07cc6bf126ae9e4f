package dev.mailgate.core.message;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.address.InvalidAddressException;
import dev.mailgate.core.internal.HeaderBlock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A message the caller has already rendered, such as an {@code .eml} file, sent byte for byte except that every
 * line break is made CRLF (RFC 5322 section 2.1: a bare CR or LF is not a line break, and lone ones are what SMTP
 * smuggling exploits).
 */
public final class RawMessage implements OutboundMessage {
    private final byte[] bytes;
    private final Envelope envelope;
    private final String messageId;
    private final List<Header> headers;

    private RawMessage(byte[] bytes, Envelope envelope, HeaderBlock block) {
        this.bytes = bytes;
        this.envelope = envelope;
        this.headers = block.headers();
        List<String> ids = block.values("Message-ID");
        this.messageId = ids.isEmpty() ? null : stripBrackets(ids.get(0));
    }

    /**
     * Wraps rendered bytes and derives the envelope from the headers: MAIL FROM from Sender or From, RCPT TO from
     * To and Cc. A Bcc header is refused, because sending it as is would show the blind copies to every recipient:
     * remove it and pass the envelope explicitly.
     */
    public static RawMessage of(byte[] eml) {
        byte[] normalized = normalizeLineBreaks(eml);
        HeaderBlock block = checkedBlock(normalized);
        if (!block.values("Bcc").isEmpty()) {
            throw new InvalidHeaderException("raw message Bcc",
                    "a Bcc header would be sent to every recipient; remove it and give the envelope explicitly");
        }
        List<String> from = block.values("Sender").isEmpty() ? block.values("From") : block.values("Sender");
        if (from.size() != 1) {
            throw new InvalidHeaderException("raw message From", "needs exactly one From (or Sender) header to derive MAIL FROM, found " + from.size());
        }
        EmailAddress mailFrom = parse("From", from.get(0)).get(0);
        List<EmailAddress> rcpts = new ArrayList<>();
        for (String field : List.of("To", "Cc")) {
            for (String value : block.values(field)) {
                rcpts.addAll(parse(field, value));
            }
        }
        return new RawMessage(normalized, Envelope.of(mailFrom, rcpts), block);
    }

    /**
     * Wraps a user's pre-built message for <em>validation</em>: the envelope is derived as far as the headers allow
     * (MAIL FROM from {@code envelopeFrom}, else the first valid Sender or From address; RCPT TO from the valid To and
     * Cc addresses) and nothing about the headers is refused, so that rules can report every problem (two From
     * headers, a Bcc header, an invalid address) instead of the first one stopping the check. Send with
     * {@link #of(byte[])} or {@link #of(byte[], Envelope)}, which refuse what would be unsafe on the wire.
     *
     * @throws InvalidHeaderException only when the bytes have no header block at all
     */
    public static RawMessage forValidation(byte[] eml, Optional<EmailAddress> envelopeFrom) {
        byte[] normalized = normalizeLineBreaks(eml);
        HeaderBlock block = checkedBlock(normalized);
        EmailAddress mailFrom = envelopeFrom.orElse(null);
        for (String field : List.of("Sender", "From")) {
            for (String value : block.values(field)) {
                if (mailFrom == null) {
                    mailFrom = lenient(value).stream().findFirst().orElse(null);
                }
            }
        }
        List<EmailAddress> rcpts = new ArrayList<>();
        for (String field : List.of("To", "Cc")) {
            for (String value : block.values(field)) {
                rcpts.addAll(lenient(value));
            }
        }
        return new RawMessage(normalized, new Envelope(Optional.ofNullable(mailFrom), rcpts), block);
    }

    private static List<EmailAddress> lenient(String value) {
        try {
            return EmailAddress.parseList(value);
        } catch (InvalidAddressException | IllegalArgumentException e) {
            return List.of();
        }
    }

    /** Wraps rendered bytes to be sent with the given envelope. */
    public static RawMessage of(byte[] eml, Envelope envelope) {
        byte[] normalized = normalizeLineBreaks(eml);
        return new RawMessage(normalized, envelope, checkedBlock(normalized));
    }

    /** A copy of the bytes, with CRLF line breaks. */
    public byte[] bytes() {
        return bytes.clone();
    }

    public int size() {
        return bytes.length;
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes);
    }

    /** The header fields, unfolded. */
    public List<Header> headers() {
        return headers;
    }

    @Override
    public Envelope envelope() {
        return envelope;
    }

    @Override
    public Optional<String> messageId() {
        return Optional.ofNullable(messageId);
    }

    private static HeaderBlock checkedBlock(byte[] bytes) {
        HeaderBlock block = HeaderBlock.parse(bytes);
        if (block.headers().isEmpty()) {
            throw new InvalidHeaderException("raw message", "has no header fields");
        }
        return block;
    }

    private static List<EmailAddress> parse(String field, String value) {
        try {
            return EmailAddress.parseList(value);
        } catch (InvalidAddressException e) {
            throw new InvalidHeaderException("raw message " + field, e.getMessage());
        }
    }

    private static String stripBrackets(String id) {
        String t = id.strip();
        return t.startsWith("<") && t.endsWith(">") ? t.substring(1, t.length() - 1) : t;
    }

    /** Turns CRLF, bare LF and bare CR into CRLF. Returns the input itself when it needs no change. */
    static byte[] normalizeLineBreaks(byte[] in) {
        boolean clean = true;
        for (int i = 0; i < in.length && clean; i++) {
            if (in[i] == '\r') {
                clean = i + 1 < in.length && in[i + 1] == '\n';
                i++;
            } else if (in[i] == '\n') {
                clean = false;
            }
        }
        if (clean) {
            return in.clone();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + 64);
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            if (b == '\r') {
                out.write('\r');
                out.write('\n');
                if (i + 1 < in.length && in[i + 1] == '\n') {
                    i++;
                }
            } else if (b == '\n') {
                out.write('\r');
                out.write('\n');
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }
}
