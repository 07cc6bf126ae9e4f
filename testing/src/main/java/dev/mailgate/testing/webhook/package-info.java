/**
 * The contract every provider's webhook codec and authenticator must meet, as a JUnit 5 base class that the
 * provider's codec test extends ({@link dev.mailgate.testing.webhook.CodecContract}), and the canonical JSON form of
 * decoded events that fixture files ({@code <scenario>.expected.json}) are compared with
 * ({@link dev.mailgate.testing.webhook.EventJson}). Test support: it depends on JUnit and AssertJ.
 */
package dev.mailgate.testing.webhook;
