/**
 * Where the lists live: the {@link dev.mailgate.suppression.store.SuppressionStore} SPI (its contract is one test
 * run against every implementation), in memory and JDBC (H2 file, PostgreSQL) with versioned migrations, the
 * callback publishers' {@link dev.mailgate.suppression.store.CallbackOutbox}, and the event-key retention job.
 */
package dev.mailgate.suppression.store;
