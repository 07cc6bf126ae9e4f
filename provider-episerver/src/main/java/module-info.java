/**
 * The Episerver Campaign SMTP API: preset, the seed's rule specifications as rules, the per-recipient split, and
 * the watching of the bounce forwarding mailbox.
 */
module dev.mailgate.episerver {
    requires transitive dev.mailgate.core;
    requires transitive dev.mailgate.smtp;
    // transitive: EpiserverBounces.watch takes an ImapBounceConfig and returns the BounceMailboxPoller
    requires transitive dev.mailgate.bounce.mailbox;
    // RFC 2047 decoding of the subject the rules check (MimeUtility)
    requires jakarta.mail;

    exports dev.mailgate.episerver;
    exports dev.mailgate.episerver.rule;

    provides dev.mailgate.core.spi.MailProvider with dev.mailgate.episerver.EpiserverProvider;
}
