/** Brevo: the SMTP relay preset, its size and attachment rules, the transactional webhook codec and its checks. */
module dev.mailgate.brevo {
    requires transitive dev.mailgate.core;
    requires transitive dev.mailgate.smtp;
    requires dev.mailgate.bounce;
    requires com.fasterxml.jackson.databind;

    exports dev.mailgate.brevo;
    exports dev.mailgate.brevo.rules;
    exports dev.mailgate.brevo.webhook;

    provides dev.mailgate.core.spi.MailProvider with dev.mailgate.brevo.BrevoProvider;
}
