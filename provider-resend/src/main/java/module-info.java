/** Resend: the SMTP preset, its header rules, the webhook codec and the Svix signature check. */
module dev.mailgate.resend {
    requires transitive dev.mailgate.core;
    requires transitive dev.mailgate.smtp;
    requires dev.mailgate.bounce;
    requires com.fasterxml.jackson.databind;

    exports dev.mailgate.resend;
    exports dev.mailgate.resend.rules;
    exports dev.mailgate.resend.webhook;

    provides dev.mailgate.core.spi.MailProvider with dev.mailgate.resend.ResendProvider;
}
