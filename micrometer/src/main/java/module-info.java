/**
 * Micrometer meters and Observations for Mailgate: listener factories that the webhook handler, the callback
 * publisher, the bounce poller and the SMTP transport take, and a suppression-list listener. Low-cardinality tags
 * only: never an address, a Message-ID or a URL.
 */
module dev.mailgate.micrometer {
    requires transitive dev.mailgate.core;
    requires transitive micrometer.core;
    requires transitive micrometer.observation;
    requires micrometer.commons;
    // optional parts: instrumented when the application has them
    requires static dev.mailgate.suppression;
    requires static dev.mailgate.bounce.mailbox;
    requires static dev.mailgate.smtp;

    exports dev.mailgate.micrometer;
}
