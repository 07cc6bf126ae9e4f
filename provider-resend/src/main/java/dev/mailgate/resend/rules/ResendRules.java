package dev.mailgate.resend.rules;

import dev.mailgate.core.mime.RenderedMessage;
import dev.mailgate.core.validation.Rule;
import dev.mailgate.core.validation.Violation;
import java.util.List;

/** Resend's rules, ids {@code resend.*}; each cites the page that states it. */
public final class ResendRules {
    public static final String MAX_SIZE = "resend.max-size";
    public static final String IDEMPOTENCY_KEY = "resend.idempotency-key";

    /** Makes Resend send a message once however often it is submitted within 24 hours (SMTP page, Idempotency Keys). */
    public static final String IDEMPOTENCY_HEADER = "Resend-Idempotency-Key";
    /** "Idempotency keys can be up to 256 characters." */
    public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 256;
    /**
     * 40 MB per email, attachments included, after base64 encoding (Attachments). Read as 40,000,000 octets, the
     * smaller reading of "MB", so that a message that passes is never refused.
     */
    public static final int MAX_OCTETS = 40_000_000;

    static final String SMTP_DOC = "https://resend.com/docs/send-with-smtp";
    static final String IDEMPOTENCY_DOC = "https://resend.com/docs/dashboard/emails/idempotency-keys";
    static final String ATTACHMENTS_DOC = "https://resend.com/docs/dashboard/emails/attachments";

    private ResendRules() {
    }

    /** Every Resend rule; none needs configuration. */
    public static List<Rule> all() {
        return List.of(Rule.of(MAX_SIZE, ResendRules::maxSize), Rule.of(IDEMPOTENCY_KEY, ResendRules::idempotencyKey));
    }

    /** The rendered size, as sent, within {@value #MAX_OCTETS} octets. ({@value #ATTACHMENTS_DOC}) */
    static List<Violation> maxSize(RenderedMessage m) {
        return m.size() <= MAX_OCTETS ? List.of() : List.of(new Violation(MAX_SIZE, "message", "the message is " + m.size()
                + " octets; Resend accepts at most 40 MB per email after base64 encoding (" + ATTACHMENTS_DOC + ")"));
    }

    /**
     * At most one {@value #IDEMPOTENCY_HEADER}, of 1 to {@value #MAX_IDEMPOTENCY_KEY_LENGTH} characters: two keys would
     * leave which one counts to Resend, and a longer key is refused. ({@value #SMTP_DOC}, {@value #IDEMPOTENCY_DOC})
     */
    static List<Violation> idempotencyKey(RenderedMessage m) {
        List<String> keys = m.headers(IDEMPOTENCY_HEADER);
        if (keys.size() > 1) {
            return List.of(new Violation(IDEMPOTENCY_KEY, IDEMPOTENCY_HEADER, keys.size() + " " + IDEMPOTENCY_HEADER + " headers; a message has "
                    + "one idempotency key (" + SMTP_DOC + ")"));
        }
        if (keys.size() == 1) {
            int n = keys.get(0).strip().length();
            if (n == 0 || n > MAX_IDEMPOTENCY_KEY_LENGTH) {
                return List.of(new Violation(IDEMPOTENCY_KEY, IDEMPOTENCY_HEADER, "the idempotency key has " + n + " characters; Resend takes 1 to "
                        + MAX_IDEMPOTENCY_KEY_LENGTH + " (" + IDEMPOTENCY_DOC + ")"));
            }
        }
        return List.of();
    }
}
