package dev.mailgate.cli.imap;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.mailgate.cli.CliRun;
import dev.mailgate.cli.ExitCodes;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ImapFoldersCommandTest {
    // Dynamic ports: other builds on the machine run GreenMail too.
    private static final ServerSetup IMAP = ServerSetupTest.IMAP.dynamicPort();
    private static final ServerSetup IMAPS = ServerSetupTest.IMAPS.dynamicPort();

    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(new ServerSetup[] {IMAP, IMAPS})
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("bounces@example.com", "bounces", "s3cret"));

    private final CliRun cli = new CliRun();

    private int run(String... args) {
        return cli.run(args);
    }

    private static String imapPort() {
        return String.valueOf(GREENMAIL.getImap().getPort());
    }

    @Test
    void listsTheServersFolders() throws Exception {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", GREENMAIL.getImap().getPort(), "bounces", "s3cret");
        store.getFolder("Bounces").create(Folder.HOLDS_MESSAGES);
        store.close();

        int code = run("imap", "folders", "--host", "127.0.0.1", "--port", imapPort(),
                "--security", "none", "--allow-plaintext-auth", "--user", "bounces", "--password", "s3cret");

        assertThat(code).as(cli.err()).isEqualTo(ExitCodes.OK);
        assertThat(cli.out().lines()).contains("INBOX", "Bounces");
    }

    @Test
    void aPlaintextLoginIsRefusedUnlessAllowedOnPurpose() {
        int code = run("imap", "folders", "--host", "127.0.0.1", "--port", imapPort(),
                "--security", "none", "--user", "bounces", "--password", "s3cret");

        assertThat(code).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(cli.out()).isEmpty();
        assertThat(cli.err()).contains("--allow-plaintext-auth").contains("--security starttls").doesNotContain("allowPlaintext(");
    }

    @Test
    void aRefusedLoginIsAClearErrorWithAHint() {
        int code = run("imap", "folders", "--host", "127.0.0.1", "--port", imapPort(),
                "--security", "none", "--allow-plaintext-auth", "--user", "bounces", "--password", "wrong");

        assertThat(code).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(cli.err()).contains("login as bounces").contains("refused").contains("hint:").contains("user name or password");
    }

    @Test
    void anUntrustedCertificateIsReportedOnceWithTheTrustStoreHint() {
        int code = run("imap", "folders", "--host", "127.0.0.1", "--port", String.valueOf(GREENMAIL.getImaps().getPort()),
                "--security", "ssl", "--user", "bounces", "--password", "s3cret", "--timeout", "5");

        assertThat(code).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(occurrences(cli.err(), "unable to find valid certification path")).as(cli.err()).isEqualTo(1);
        assertThat(cli.err()).contains("hint:").contains("--trust-store");
    }

    @Test
    void loginDisabledBeforeTlsSaysToUseTls() throws Exception {
        try (LoginDisabledServer server = new LoginDisabledServer()) {
            int code = run("imap", "folders", "--host", "127.0.0.1", "--port", String.valueOf(server.port()),
                    "--security", "none", "--allow-plaintext-auth", "--user", "bounces", "--password", "s3cret", "--timeout", "5");

            assertThat(code).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(cli.err()).contains("refuses LOGIN before TLS").contains("--security starttls");
            assertThat(server.commands).noneMatch(c -> c.toUpperCase().contains("LOGIN"));
        }
    }

    private static int occurrences(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    /**
     * An IMAP server that, like Dovecot with {@code disable_plaintext_auth}, advertises LOGINDISABLED on the
     * unencrypted port (RFC 3501 section 6.2.3) and answers every command with OK.
     */
    private static final class LoginDisabledServer implements AutoCloseable {
        private static final Pattern TAG = Pattern.compile("^(\\S+)\\s+(\\S+)");
        private final ServerSocket socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        private final CopyOnWriteArrayList<String> commands = new CopyOnWriteArrayList<>();

        LoginDisabledServer() throws IOException {
            Thread t = new Thread(this::serve, "login-disabled-imap");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket s = socket.accept()) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                    OutputStream out = s.getOutputStream();
                    String capabilities = "IMAP4rev1 STARTTLS LOGINDISABLED";
                    out.write(("* OK [CAPABILITY " + capabilities + "] ready\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    String line;
                    while ((line = in.readLine()) != null) {
                        commands.add(line);
                        Matcher m = TAG.matcher(line);
                        if (!m.find()) {
                            continue;
                        }
                        String reply = switch (m.group(2).toUpperCase()) {
                            case "CAPABILITY" -> "* CAPABILITY " + capabilities + "\r\n" + m.group(1) + " OK done\r\n";
                            case "LOGOUT" -> "* BYE\r\n" + m.group(1) + " OK bye\r\n";
                            default -> m.group(1) + " OK done\r\n";
                        };
                        out.write(reply.getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                } catch (IOException e) {
                    // the client went away, or the server is closing
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
