package dev.mailgate.smtp;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.message.OutboundMessage;
import java.util.List;
import java.util.Optional;

/**
 * A message ready for the wire: validated, rendered once, dot-stuffed with its terminator, with its envelope and
 * the extensions it needs. Retries and chained transactions reuse it as it is.
 *
 * @param data the dot-stuffed content ending in CRLF "." CRLF
 * @param size the rendered size before dot-stuffing (what SIZE declares)
 */
record Prepared(OutboundMessage message, EmailAddress mailFrom, List<EmailAddress> recipients, byte[] data, long size,
                boolean smtpUtf8, boolean eightBit, Optional<String> messageId) {

    String label() {
        return messageId.orElse("(no Message-ID)");
    }
}
