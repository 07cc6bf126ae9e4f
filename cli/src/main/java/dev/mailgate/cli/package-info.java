/** The {@code mailgate} command and its version information. */
package dev.mailgate.cli;
