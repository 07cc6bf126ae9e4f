/** Checks DKIM signatures with an independent implementation (Debian's python3-dkim) in tests. */
package dev.mailgate.testing.dkim;
