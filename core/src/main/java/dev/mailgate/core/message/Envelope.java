package dev.mailgate.core.message;

import dev.mailgate.core.address.EmailAddress;
import java.util.ArrayList;
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

    /**
     * The envelope a message gets when nothing overrides it: the reverse-path chosen by the caller (RFC 5321
     * section 3.3: the override, else Sender, the agent responsible, else From), and as forward-paths the override
     * list, else every To, Cc and Bcc address once, in that order.
     */
    static Envelope derive(EmailAddress reversePath, List<EmailAddress> override, List<EmailAddress> to,
            List<EmailAddress> cc, List<EmailAddress> bcc) {
        if (!override.isEmpty()) {
            return new Envelope(Optional.ofNullable(reversePath), override);
        }
        List<EmailAddress> all = new ArrayList<>(to.size() + cc.size() + bcc.size());
        all.addAll(to);
        all.addAll(cc);
        all.addAll(bcc);
        return new Envelope(Optional.ofNullable(reversePath), all);
    }
}
