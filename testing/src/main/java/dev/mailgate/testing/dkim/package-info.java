/**
 * Checks DKIM signatures with an independent implementation in tests. <b>Host-dependent:</b> it runs
 * {@code /usr/bin/python3} with Debian's {@code python3-dkim} and {@code python3-nacl} (dkimpy), and fails with a
 * message naming those packages when they are missing. It is the build's own test support, public so that every
 * module's tests (and users on Debian-like hosts) can use it; it has no compatibility promise beyond that.
 */
package dev.mailgate.testing.dkim;
