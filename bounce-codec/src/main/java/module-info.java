/**
 * Bounce mails, complaints and auto-replies read into core events: RFC 3464 DSNs, MTAs' own formats, RFC 5965
 * feedback reports, RFC 3834 auto-replies; VERP return paths. A pure parser:
 * the IMAP poller that feeds it is the module {@code dev.mailgate.bounce.mailbox}.
 */
module dev.mailgate.bounce {
    requires transitive dev.mailgate.core;
    requires com.fasterxml.jackson.databind;

    exports dev.mailgate.bounce;
    exports dev.mailgate.bounce.verp;
}
