package dev.mailgate.smtp;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.message.OutboundMessage;
import dev.mailgate.core.mime.RenderedMessage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A message ready for the wire: validated and rendered once, with its envelope, the extensions it needs, its share
 * of the quota and its send deadline. Retries and chained transactions reuse it as it is; the connection dot-stuffs
 * the content as it writes it ({@link dev.mailgate.smtp.internal.DotStuffingOutput}).
 *
 * @param send what listeners are told the events are about
 * @param content the rendered message, not dot-stuffed
 * @param size the rendered size before dot-stuffing (what SIZE declares)
 * @param eightBit whether any octet of the content is above 127 (it needs 8BITMIME)
 * @param permit its share of the daily quota and its pace slot
 * @param startedAt when its send began (the receipt's start)
 * @param startNanos the same moment, {@link System#nanoTime()} based (the receipt's duration)
 * @param deadlineNanos when the send deadline of this message passes, {@link System#nanoTime()} based
 */
record Prepared(SmtpEventListener.Send send, EmailAddress mailFrom, List<EmailAddress> recipients, RenderedMessage content, long size,
                boolean smtpUtf8, boolean eightBit, RateLimiter.Permit permit, Instant startedAt, long startNanos, long deadlineNanos) {

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
