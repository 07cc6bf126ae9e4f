/** {@code mailgate bounce ...}: parse and classify bounce mails from files, directories and mboxes. */
package dev.mailgate.cli.bounce;
