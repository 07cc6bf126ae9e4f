/** Test support for Mailgate users: fake transports, assertions and a JUnit 5 extension. */
module dev.mailgate.testing {
    requires transitive dev.mailgate.core;
    // The assertions extend AssertJ's and the extension implements JUnit's API, so both are part of this API.
    requires transitive org.assertj.core;
    requires transitive org.junit.jupiter.api;
    // thread CPU time for the complexity checks
    requires java.management;
    // the codec contract reads the webhook handler's log line through System.Logger's default backend
    requires java.logging;

    exports dev.mailgate.testing;
    exports dev.mailgate.testing.smtp;
    exports dev.mailgate.testing.dns;
    exports dev.mailgate.testing.net;
    // the codec contract that every provider's webhook test extends
    exports dev.mailgate.testing.webhook;
    // Host-dependent test support (they run Debian's postgresql and python3-dkim; see their package-info): exported
    // because every module's tests use them, documented as the build's own helpers with no compatibility promise.
    exports dev.mailgate.testing.db;
    exports dev.mailgate.testing.dkim;
    // test support for the complexity tests of Mailgate's own modules (see its package-info)
    exports dev.mailgate.testing.complexity;

    provides dev.mailgate.core.spi.MailProvider with dev.mailgate.testing.RecordingProvider;
}
