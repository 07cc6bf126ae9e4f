/** {@code mailgate dns check}: the DNS health of a sending domain. */
package dev.mailgate.cli.dns;
