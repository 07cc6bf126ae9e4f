/** SparkPost: the SMTP preset (US and EU), X-MSYS-API rules, the batched webhook codec and its authentication. */
module dev.mailgate.sparkpost {
    requires transitive dev.mailgate.core;
    requires transitive dev.mailgate.smtp;
    requires dev.mailgate.bounce;
    requires com.fasterxml.jackson.databind;

    exports dev.mailgate.sparkpost;
    exports dev.mailgate.sparkpost.rules;
    exports dev.mailgate.sparkpost.webhook;

    provides dev.mailgate.core.spi.MailProvider with dev.mailgate.sparkpost.SparkPostProvider;
}
