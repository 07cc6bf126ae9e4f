/**
 * The IMAP bounce-mailbox poller (the CRM seed's bounce settings): reads a folder, hands each bounce to a
 * {@link dev.mailgate.bounce.mailbox.BounceHandler}, and moves it only after the handler returned; IDLE (RFC 2177),
 * TLS or STARTTLS, LOGIN or XOAUTH2, folder names in the server's hierarchy, a time budget per message.
 */
package dev.mailgate.bounce.mailbox;
