/** Mailgun: the SMTP preset (US and EU), X-Mailgun-* header rules, the webhook codec and its signature check. */
module dev.mailgate.mailgun {
    requires transitive dev.mailgate.core;
    requires transitive dev.mailgate.smtp;
    requires dev.mailgate.bounce;
    requires com.fasterxml.jackson.databind;

    exports dev.mailgate.mailgun;
    exports dev.mailgate.mailgun.rules;
    exports dev.mailgate.mailgun.webhook;

    provides dev.mailgate.core.spi.MailProvider with dev.mailgate.mailgun.MailgunProvider;
}
