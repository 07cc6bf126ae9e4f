/** The SMTP throughput harness: a loopback sink with a simulated round-trip time, and the client scenarios. */
package dev.mailgate.benchmarks.smtp;
