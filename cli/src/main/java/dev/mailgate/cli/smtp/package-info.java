/** {@code mailgate smtp ...}: SMTP connection checks. */
package dev.mailgate.cli.smtp;
