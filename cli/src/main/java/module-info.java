/** The mailgate command line. */
module dev.mailgate.cli {
    requires dev.mailgate.core;
    requires dev.mailgate.smtp;
    requires dev.mailgate.bounce.mailbox;
    requires dev.mailgate.suppression;
    requires dev.mailgate.deliverability;
    requires info.picocli;
    // 'imap check' names an IMAP login failure by Jakarta Mail's exception type (ImapHints)
    requires jakarta.mail;
    requires com.fasterxml.jackson.databind;
    // 'webhook serve' listens with the JDK's own HTTP server
    requires jdk.httpserver;

    // picocli instantiates the commands and injects options reflectively.
    opens dev.mailgate.cli to info.picocli;
    opens dev.mailgate.cli.render to info.picocli;
    opens dev.mailgate.cli.smtp to info.picocli;
    opens dev.mailgate.cli.bounce to info.picocli;
    opens dev.mailgate.cli.imap to info.picocli;
    opens dev.mailgate.cli.validate to info.picocli;
    opens dev.mailgate.cli.webhook to info.picocli;
    opens dev.mailgate.cli.suppression to info.picocli;
    opens dev.mailgate.cli.dns to info.picocli;
    opens dev.mailgate.cli.completion to info.picocli;
    opens dev.mailgate.cli.send to info.picocli;
}
