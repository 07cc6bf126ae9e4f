/** Fake and recording transports, AssertJ assertions and a JUnit 5 extension, for tests of code that sends mail. */
package dev.mailgate.testing;
