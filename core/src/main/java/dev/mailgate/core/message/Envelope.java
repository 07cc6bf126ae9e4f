package dev.mailgate.core.message;

import dev.mailgate.core.address.EmailAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The SMTP envelope (RFC 5321 section 2.3.1): the reverse-path given in MAIL FROM and the forward-paths given in
 * RCPT TO. It is what servers deliver by and bounce to, independently of the From/To headers.
 *
 * @param mailFrom the reverse-path; empty means the null reverse-path {@code <>} used for bounces
 * @param recipients the RCPT TO addresses, in order, without duplicates
 */
public record Envelope(Optional<EmailAddress> mailFrom, List<EmailAddress> recipients) {
    public Envelope {
        Objects.requireNonNull(mailFrom, "mailFrom");
        recipients = List.copyOf(recipients.stream().distinct().toList());
    }

    public static Envelope of(EmailAddress mailFrom, List<EmailAddress> recipients) {
        return new Envelope(Optional.of(mailFrom), recipients);
    }
}
