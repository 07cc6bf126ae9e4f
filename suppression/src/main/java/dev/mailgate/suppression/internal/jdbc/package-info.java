/**
 * Not exported: the JDBC connections and transactions ({@link dev.mailgate.suppression.internal.jdbc.JdbcRunner}),
 * the one place of the schema and its migrations ({@link dev.mailgate.suppression.internal.jdbc.JdbcSchema}), and the
 * JDBC implementations of the shared-state interfaces that the suppression store and
 * {@code dev.mailgate.suppression.shared.SharedState} hand out.
 */
package dev.mailgate.suppression.internal.jdbc;
