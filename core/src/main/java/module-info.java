/**
 * Mailgate core: the message model and MIME writer, validation, the transport API, the normalized event model and
 * the provider SPI.
 */
module dev.mailgate.core {
    // IDNA2008 / UTS #46 for IDN domains (java.net.IDN is IDNA2003); not part of the API.
    requires com.ibm.icu;
    // Only dev.mailgate.core.json reads Jackson trees; the codecs that call it require Jackson themselves, so an
    // application without a JSON codec runs without it (static: needed at compile time, optional at run time).
    requires static com.fasterxml.jackson.databind;

    exports dev.mailgate.core;
    exports dev.mailgate.core.address;
    exports dev.mailgate.core.dkim;
    exports dev.mailgate.core.message;
    exports dev.mailgate.core.mime;
    exports dev.mailgate.core.validation;
    exports dev.mailgate.core.transport;
    exports dev.mailgate.core.event;
    exports dev.mailgate.core.suppression;
    exports dev.mailgate.core.webhook;
    exports dev.mailgate.core.json;
    exports dev.mailgate.core.limits;
    exports dev.mailgate.core.spi;
    // The SMTP client's dot-stuffing scans with the same eight-octets-at-a-time searches as the writer.
    exports dev.mailgate.core.internal to dev.mailgate.smtp;

    uses dev.mailgate.core.spi.MailProvider;
}
