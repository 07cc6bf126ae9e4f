package dev.mailgate.smtp;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.message.OutboundMessage;
import dev.mailgate.core.mime.RenderedMessage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A message ready for the wire: validated and rendered once, with its envelope, the extensions it needs, its share
 * of the quota and its send deadline. Retries and chained transactions reuse it as it is, but for its form: a
 * session that cannot take its 8-bit form gets it rendered again in the 7-bit one ({@link EightBitMime#fit}), so
 * its content, size and needs are always those of the form about to be sent. The connection dot-stuffs the content
 * as it writes it ({@link dev.mailgate.smtp.internal.DotStuffingOutput}). Used by one sending thread at a time.
 */
final class Prepared {
    private final SmtpEventListener.Send send;
    private final EmailAddress mailFrom;
    private final List<EmailAddress> recipients;
    private final RateLimiter.Permit permit;
    private final Instant startedAt;
    private final long startNanos;
    private final long deadlineNanos;
    private volatile EightBitMime.Form form;

    /**
     * @param send what listeners are told the events are about
     * @param form the rendered message, not dot-stuffed, and what it needs
     * @param permit its share of the daily quota and its pace slot
     * @param startedAt when its send began (the receipt's start)
     * @param startNanos the same moment, {@link System#nanoTime()} based (the receipt's duration)
     * @param deadlineNanos when the send deadline of this message passes, {@link System#nanoTime()} based
     */
    Prepared(SmtpEventListener.Send send, EmailAddress mailFrom, List<EmailAddress> recipients, EightBitMime.Form form,
            RateLimiter.Permit permit, Instant startedAt, long startNanos, long deadlineNanos) {
        this.send = send;
        this.mailFrom = mailFrom;
        this.recipients = recipients;
        this.form = form;
        this.permit = permit;
        this.startedAt = startedAt;
        this.startNanos = startNanos;
        this.deadlineNanos = deadlineNanos;
    }

    SmtpEventListener.Send send() {
        return send;
    }

    EmailAddress mailFrom() {
        return mailFrom;
    }

    List<EmailAddress> recipients() {
        return recipients;
    }

    EightBitMime.Form form() {
        return form;
    }

    void form(EightBitMime.Form other) {
        this.form = other;
    }

    /** The rendered message of the current form, not dot-stuffed. */
    RenderedMessage content() {
        return form.prepared().rendered();
    }

    /** The rendered size before dot-stuffing (what SIZE declares). */
    long size() {
        return content().size();
    }

    /** Whether it needs SMTPUTF8 (RFC 6531). */
    boolean smtpUtf8() {
        return form.prepared().smtpUtf8();
    }

    /** Whether any octet of the content is above 127 (it needs 8BITMIME). */
    boolean eightBit() {
        return form.eightBit();
    }

    RateLimiter.Permit permit() {
        return permit;
    }

    Instant startedAt() {
        return startedAt;
    }

    long startNanos() {
        return startNanos;
    }

    long deadlineNanos() {
        return deadlineNanos;
    }

    /** The message as the caller passed it. */
    OutboundMessage message() {
        return send.message();
    }

    Optional<String> messageId() {
        return send.messageId();
    }

    String label() {
        return messageId().orElse("(no Message-ID)");
    }
}
