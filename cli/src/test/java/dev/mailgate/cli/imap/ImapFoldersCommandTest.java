package dev.mailgate.cli.imap;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.mailgate.cli.ExitCodes;
import dev.mailgate.cli.MailgateCommand;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

class ImapFoldersCommandTest {
    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(ServerSetupTest.IMAP)
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("bounces@example.com", "bounces", "s3cret"));

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = MailgateCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void listsTheServersFolders() throws Exception {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", GREENMAIL.getImap().getPort(), "bounces", "s3cret");
        store.getFolder("Bounces").create(Folder.HOLDS_MESSAGES);
        store.close();

        int code = run("imap", "folders", "--host", "127.0.0.1", "--port", String.valueOf(GREENMAIL.getImap().getPort()),
                "--security", "none", "--user", "bounces", "--password", "s3cret");

        assertThat(code).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString().lines()).contains("INBOX", "Bounces");
    }

    @Test
    void aRefusedLoginIsAClearError() {
        int code = run("imap", "folders", "--host", "127.0.0.1", "--port", String.valueOf(GREENMAIL.getImap().getPort()),
                "--security", "none", "--user", "bounces", "--password", "wrong");

        assertThat(code).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(err.toString()).contains("login as bounces").contains("refused");
    }
}
