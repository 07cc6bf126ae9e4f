package dev.mailgate.cli.imap;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.mailgate.cli.ExitCodes;
import dev.mailgate.cli.CliRun;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ImapFoldersCommandTest {
    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(ServerSetupTest.IMAP)
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("bounces@example.com", "bounces", "s3cret"));

    private final CliRun cli = new CliRun();

    private int run(String... args) {
        return cli.run(args);
    }

    @Test
    void listsTheServersFolders() throws Exception {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", GREENMAIL.getImap().getPort(), "bounces", "s3cret");
        store.getFolder("Bounces").create(Folder.HOLDS_MESSAGES);
        store.close();

        int code = run("imap", "folders", "--host", "127.0.0.1", "--port", String.valueOf(GREENMAIL.getImap().getPort()),
                "--security", "none", "--user", "bounces", "--password", "s3cret");

        assertThat(code).as(cli.err()).isEqualTo(ExitCodes.OK);
        assertThat(cli.out().lines()).contains("INBOX", "Bounces");
    }

    @Test
    void aRefusedLoginIsAClearError() {
        int code = run("imap", "folders", "--host", "127.0.0.1", "--port", String.valueOf(GREENMAIL.getImap().getPort()),
                "--security", "none", "--user", "bounces", "--password", "wrong");

        assertThat(code).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(cli.err()).contains("login as bounces").contains("refused");
    }
}
