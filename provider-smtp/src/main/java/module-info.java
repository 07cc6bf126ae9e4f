/** The SMTP transport and the generic-SMTP callback codec. */
module dev.mailgate.smtp {
    requires transitive dev.mailgate.core;
    // transitive: JsonPayloads takes an ObjectMapper and returns a JsonNode
    requires transitive com.fasterxml.jackson.databind;

    exports dev.mailgate.smtp;
    exports dev.mailgate.smtp.callback;

    provides dev.mailgate.core.spi.MailProvider with dev.mailgate.smtp.SmtpProvider;
}
