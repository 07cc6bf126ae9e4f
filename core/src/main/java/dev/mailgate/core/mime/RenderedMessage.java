package dev.mailgate.core.mime;

import dev.mailgate.core.dkim.DkimSigner;
import dev.mailgate.core.internal.HeaderBlock;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.message.Envelope;
import dev.mailgate.core.message.Header;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A message exactly as it goes on the wire, with its envelope. Rules check it and transports send it, so what
 * is measured (size, header counts) is what is sent.
 */
public final class RenderedMessage {
    private final byte[] bytes;
    private final Envelope envelope;
    private final String messageId;
    private final EmailMessage source;
    private volatile HeaderBlock block;

    RenderedMessage(byte[] bytes, Envelope envelope, Optional<String> messageId, EmailMessage source) {
        this.bytes = Objects.requireNonNull(bytes, "bytes");
        this.envelope = Objects.requireNonNull(envelope, "envelope");
        this.messageId = messageId.orElse(null);
        this.source = source;
    }

    /** A copy of the rendered bytes (CRLF line breaks, not dot-stuffed). */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The rendered bytes as a read-only view, without copying: for rules and transports that scan or send them. */
    public java.nio.ByteBuffer content() {
        return java.nio.ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    /** Writes the bytes without copying them. */
    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes);
    }

    /** Whether any octet is above 127: such a message needs 8BITMIME (RFC 6152) or BINARYMIME to be sent as it is. */
    public boolean eightBit() {
        return dev.mailgate.core.internal.ByteScan.anyEightBit(bytes, 0, bytes.length);
    }

    /** The size in octets, exactly as sent in DATA before dot-stuffing. */
    public int size() {
        return bytes.length;
    }

    public Envelope envelope() {
        return envelope;
    }

    /** The Message-ID without angle brackets. */
    public Optional<String> messageId() {
        return Optional.ofNullable(messageId);
    }

    /** The structured message this was rendered from; empty for a raw message. */
    public Optional<EmailMessage> source() {
        return Optional.ofNullable(source);
    }

    /** The header fields as rendered, unfolded, in order (encoded-words are left encoded). */
    public List<Header> headers() {
        return headerBlock().headers();
    }

    /** Every rendered value of the header with this name, case-insensitive. */
    public List<String> headers(String name) {
        return headerBlock().values(name);
    }

    /** The offset of the first body octet, after the blank line that ends the header section. */
    public int bodyOffset() {
        return headerBlock().bodyOffset();
    }

    /**
     * This message with a DKIM-Signature field prepended (RFC 6376 section 5.6), computed over exactly these bytes:
     * the same envelope, Message-ID and source, the bytes a transport then sends.
     */
    public RenderedMessage signed(DkimSigner signer) {
        Objects.requireNonNull(signer, "signer");
        return new RenderedMessage(signer.sign(bytes), envelope, messageId(), source);
    }

    private HeaderBlock headerBlock() {
        HeaderBlock b = block;
        if (b == null) {
            b = HeaderBlock.parse(bytes);
            block = b;
        }
        return b;
    }
}
