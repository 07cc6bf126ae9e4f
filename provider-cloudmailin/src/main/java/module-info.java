/** CloudMailin outbound: preset, rules, Queued-as capture, VERP return paths and the event webhook codec. */
module dev.mailgate.cloudmailin {
    requires transitive dev.mailgate.core;
    requires transitive dev.mailgate.smtp;
    // transitive: CloudMailinTransport.verp() returns bounce-codec's Verp, the return-path codec an application uses
    requires transitive dev.mailgate.bounce;
    requires com.fasterxml.jackson.databind;

    exports dev.mailgate.cloudmailin;
    exports dev.mailgate.cloudmailin.rules;
    exports dev.mailgate.cloudmailin.webhook;

    provides dev.mailgate.core.spi.MailProvider with dev.mailgate.cloudmailin.CloudMailinProvider;
}
