package dev.mailgate.smtp;

import dev.mailgate.core.MailException;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.message.OutboundMessage;
import dev.mailgate.core.transport.MessagePreparation;
import dev.mailgate.smtp.internal.Extensions;

/**
 * Which form of a message Mailgate renders itself goes to which session, decided here alone: text bodies 8bit
 * (RFC 6152, {@code BODY=8BITMIME}) for a server that offered 8BITMIME, the 7-bit form (quoted-printable or base64,
 * byte for byte as before) for one that did not. MIME decides per part whether 8bit is possible at all (UTF-8
 * text, no line over 998 octets: RFC 5322 section 2.1.1).
 *
 * <p>A message is prepared before its session is known ({@code send()} validates it before it claims a connection;
 * a batch prepares it when a session asks, but through the same call), so it is rendered for what the last
 * session offered, the form the next one almost always takes, and rendered once. Only a session that cannot take
 * the 8-bit form (a retry on another server, a first send to a server without 8BITMIME) gets the message rendered
 * again, in the 7-bit form, validated and DKIM-signed again, so that SIZE, the rules and the signature all see the
 * bytes that are sent. A 7-bit form goes to any session as it is: octets are not worth a second rendering.
 */
final class EightBitMime {
    private final boolean enabled;
    private final MessagePreparation preparation;
    /** Whether the last session that asked for messages offered 8BITMIME; before the first, assumed (nearly all do). */
    private volatile boolean lastOffered = true;

    EightBitMime(boolean enabled, MessagePreparation preparation) {
        this.enabled = enabled;
        this.preparation = preparation;
    }

    /** For sessions that send nothing (diagnostics): the 7-bit form only. */
    static EightBitMime off() {
        return new EightBitMime(false, null);
    }

    /**
     * The switch: as configured; when not configured, on unless the transport signs with DKIM. RFC 6376 section 5.3:
     * a relay without 8BITMIME further on converts 8bit to 7 bits (RFC 6152 section 3 allows it) and so breaks the
     * signature, and signers SHOULD send a 7-bit form.
     */
    static boolean enabled(Boolean configured, boolean signs) {
        return configured != null ? configured : !signs;
    }

    /** Told what a session offers when it starts sending: the messages it asks for are prepared for that. */
    void sessionOffers(Extensions ext) {
        boolean offered = ext.has("8BITMIME");
        if (enabled) {
            lastOffered = offered;
        }
    }

    /** Runs the transport's preparation for the session to come. */
    Form prepare(OutboundMessage m) {
        boolean eightBitBodies = enabled && lastOffered;
        return form(preparation.prepare(m, eightBitBodies), eightBitBodies);
    }

    /**
     * Makes {@code p}'s content one the session can take (RFC 6152 section 3: 8bit content only to a server that
     * offered 8BITMIME): rendered again in the 7-bit form when it is 8-bit by our choice and {@code ext} has no
     * 8BITMIME; otherwise left as it is. Throws what the preparation throws (a rule the 7-bit form breaks, such as
     * the size limit), before anything of the transaction is sent.
     */
    void fit(Prepared p, Extensions ext) {
        if (p.form().sevenBitExists() && !ext.has("8BITMIME")) {
            try {
                p.form(form(preparation.again(p.form().prepared(), false), false));
            } catch (MailException e) {
                throw e;
            } catch (RuntimeException | AssertionError e) {
                // As in the first preparation: the application's rules and signer fail this message alone, typed.
                throw new PreparationException(p.label(), e);
            }
        }
    }

    /** {@link #fit}, for a message about to be chained: false when it cannot be made to fit (it fails when begun). */
    boolean fits(Prepared p, Extensions ext) {
        try {
            fit(p, ext);
            return TransactionCommands.fits(p, ext);
        } catch (MailException e) {
            return false;
        }
    }

    private static Form form(MessagePreparation.Prepared prepared, boolean eightBitBodies) {
        boolean eightBit = prepared.rendered().eightBit();
        // A raw message is sent as given, and one that needs SMTPUTF8 needs a server that offers it (RFC 6531 section
        // 3.1 requires 8BITMIME of it): TransactionCommands.checkSupport refuses those where they cannot go.
        return new Form(prepared, eightBit, eightBitBodies && eightBit && !prepared.smtpUtf8() && prepared.message() instanceof EmailMessage);
    }

    /**
     * One rendered form of a message.
     *
     * @param prepared the bytes to send (validated, signed) and the message they were rendered from
     * @param eightBit whether any octet is above 127: the content needs 8BITMIME ({@code BODY=8BITMIME})
     * @param sevenBitExists whether it is 8-bit only because its text bodies were rendered 8bit
     */
    record Form(MessagePreparation.Prepared prepared, boolean eightBit, boolean sevenBitExists) {
    }
}
