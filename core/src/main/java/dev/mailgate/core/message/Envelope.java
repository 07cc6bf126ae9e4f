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
        recipients = distinct(recipients);
    }

    /** Up to this many recipients are de-duplicated by comparing each with those before it (no hash set). */
    private static final int SMALL = 16;

    /**
     * The list without repeats, first occurrences in order (what {@code stream().distinct()} gives). A stream and its
     * hash set were most of building a message's allocation for the usual one or few recipients; a short list is
     * compared pairwise (at most {@value #SMALL} squared checks), a long one goes through the hash set, so the time
     * stays linear.
     */
    private static List<EmailAddress> distinct(List<EmailAddress> list) {
        int n = list.size();
        if (n > SMALL) {
            return List.copyOf(new java.util.LinkedHashSet<>(list));
        }
        EmailAddress[] kept = new EmailAddress[n];
        int k = 0;
        outer:
        for (int i = 0; i < n; i++) {
            EmailAddress a = Objects.requireNonNull(list.get(i), "recipient");
            for (int j = 0; j < k; j++) {
                if (kept[j].equals(a)) {
                    continue outer;
                }
            }
            kept[k++] = a;
        }
        return List.of(k == n ? kept : java.util.Arrays.copyOf(kept, k));
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
