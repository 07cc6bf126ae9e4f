/** Twilio SendGrid: the SMTP preset, X-SMTPAPI rules, the Event Webhook codec and its signature check. */
module dev.mailgate.sendgrid {
    requires transitive dev.mailgate.core;
    requires transitive dev.mailgate.smtp;
    requires dev.mailgate.bounce;
    requires com.fasterxml.jackson.databind;

    exports dev.mailgate.sendgrid;
    exports dev.mailgate.sendgrid.rules;
    exports dev.mailgate.sendgrid.webhook;

    provides dev.mailgate.core.spi.MailProvider with dev.mailgate.sendgrid.SendGridProvider;
}
