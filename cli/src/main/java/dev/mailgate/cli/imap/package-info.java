/** {@code mailgate imap ...}: the bounce mailbox, e.g. listing its folders to choose the one to monitor. */
package dev.mailgate.cli.imap;
