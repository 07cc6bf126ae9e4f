/** Amazon SES: the SMTP preset per region, SES header rules, SES notifications through SNS and their signature check. */
module dev.mailgate.ses {
    requires transitive dev.mailgate.core;
    requires transitive dev.mailgate.smtp;
    requires dev.mailgate.bounce;
    requires com.fasterxml.jackson.databind;
    // the default certificate fetcher downloads SNS signing certificates over HTTPS
    requires java.net.http;

    exports dev.mailgate.ses;
    exports dev.mailgate.ses.rules;
    exports dev.mailgate.ses.webhook;

    provides dev.mailgate.core.spi.MailProvider with dev.mailgate.ses.SesProvider;
}
