/** Mailjet: the SMTP relay preset, its size and custom-header rules, the Event API webhook codec and its check. */
module dev.mailgate.mailjet {
    requires transitive dev.mailgate.core;
    requires transitive dev.mailgate.smtp;
    requires dev.mailgate.bounce;
    requires com.fasterxml.jackson.databind;

    exports dev.mailgate.mailjet;
    exports dev.mailgate.mailjet.rules;
    exports dev.mailgate.mailjet.webhook;

    provides dev.mailgate.core.spi.MailProvider with dev.mailgate.mailjet.MailjetProvider;
}
