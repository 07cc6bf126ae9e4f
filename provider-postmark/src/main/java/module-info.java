/** Postmark: the SMTP preset (server token, message streams), X-PM-* header rules, the webhook codec and its authentication. */
module dev.mailgate.postmark {
    requires transitive dev.mailgate.core;
    requires transitive dev.mailgate.smtp;
    requires dev.mailgate.bounce;
    requires com.fasterxml.jackson.databind;

    exports dev.mailgate.postmark;
    exports dev.mailgate.postmark.rules;
    exports dev.mailgate.postmark.webhook;

    provides dev.mailgate.core.spi.MailProvider with dev.mailgate.postmark.PostmarkProvider;
}
