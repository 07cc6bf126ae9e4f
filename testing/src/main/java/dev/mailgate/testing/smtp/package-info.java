/**
 * A scriptable SMTP server for tests: STARTTLS and implicit TLS, PIPELINING, AUTH, per-command replies and
 * faults (disconnect, stall), on a random loopback port, recording every message byte for byte.
 */
package dev.mailgate.testing.smtp;
