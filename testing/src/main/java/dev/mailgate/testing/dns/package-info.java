/** A local authoritative DNS server on a random port, answering from a zone file, for tests that must not use the internet. */
package dev.mailgate.testing.dns;
