/**
 * A throw-away PostgreSQL cluster for tests against a real database. <b>Host-dependent:</b> it runs the host's own
 * PostgreSQL binaries (Debian's {@code postgresql} package, {@code /usr/lib/postgresql/<version>/bin/initdb}); it
 * does not download anything and fails with a message naming the package when they are missing. It is the build's
 * own test support, public so that every module's tests (and users on Debian-like hosts) can use it; it has no
 * compatibility promise beyond that.
 */
package dev.mailgate.testing.db;
