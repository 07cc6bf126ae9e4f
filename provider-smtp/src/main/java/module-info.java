/** The SMTP transport and the generic-SMTP callback codec. */
module dev.mailgate.smtp {
    requires transitive dev.mailgate.core;
    // The generic callback codec reads and writes JSON; no exported type of this module names a Jackson type.
    requires com.fasterxml.jackson.databind;

    exports dev.mailgate.smtp;
    exports dev.mailgate.smtp.callback;

    provides dev.mailgate.core.spi.MailProvider with dev.mailgate.smtp.SmtpProvider;
}
