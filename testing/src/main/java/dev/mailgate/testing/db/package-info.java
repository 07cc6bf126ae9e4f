/** A throw-away PostgreSQL cluster (Debian's postgresql package) for tests against a real database. */
package dev.mailgate.testing.db;
