package dev.mailgate.smtp;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.message.OutboundMessage;
import java.util.List;
import java.util.Optional;

/**
 * A message ready for the wire: validated, rendered once, dot-stuffed with its terminator, with its envelope, the
 * extensions it needs, its share of the quota and its send deadline. Retries and chained transactions reuse it as
 * it is.
 *
 * @param data the dot-stuffed content ending in CRLF "." CRLF
 * @param size the rendered size before dot-stuffing (what SIZE declares)
 * @param permit its share of the daily quota and its pace slot
 * @param deadlineNanos when the send deadline of this message passes, {@link System#nanoTime()} based
 */
record Prepared(OutboundMessage message, EmailAddress mailFrom, List<EmailAddress> recipients, byte[] data, long size,
                boolean smtpUtf8, boolean eightBit, Optional<String> messageId, RateLimiter.Permit permit, long deadlineNanos) {

    String label() {
        return messageId.orElse("(no Message-ID)");
    }
}
