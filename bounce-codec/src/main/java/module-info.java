/**
 * Bounce mails, complaints and auto-replies read into core events: RFC 3464 DSNs, MTAs' own formats, RFC 5965
 * feedback reports, RFC 3834 auto-replies; VERP return paths; the IMAP bounce-mailbox poller.
 */
module dev.mailgate.bounce {
    requires transitive dev.mailgate.core;
    requires com.fasterxml.jackson.databind;
    requires org.eclipse.angus.mail;

    exports dev.mailgate.bounce;
    exports dev.mailgate.bounce.verp;
    exports dev.mailgate.bounce.imap;
}
