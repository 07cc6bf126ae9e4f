/**
 * The IMAP bounce-mailbox poller (the CRM seed's bounce settings). It owns threads, IDLE and folder moves; the
 * parsing and classification it hands each message to live in {@code dev.mailgate.bounce}, which stays a pure
 * parser without network code.
 */
module dev.mailgate.bounce.mailbox {
    requires transitive dev.mailgate.bounce;
    requires org.eclipse.angus.mail;

    exports dev.mailgate.bounce.mailbox;
}
