package dev.mailgate.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.cli.ExitCodes;
import dev.mailgate.cli.CliRun;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderCommandTest {
    @TempDir
    Path dir;

    private final CliRun cli = new CliRun();

    private int run(String... args) {
        return cli.run(args);
    }

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(RenderCommandTest.class.getResource("/render/" + name).toURI());
    }

    @Test
    void rendersTheJsonMessageSoJakartaMailReadsItBack() throws Exception {
        Path eml = dir.resolve("out.eml");
        int code = run("render", "--deterministic", "-o", eml.toString(), fixture("newsletter.json").toString());
        assertThat(code).as(cli.err()).isEqualTo(ExitCodes.OK);

        MimeMessage parsed = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(Files.readAllBytes(eml)));
        assertThat(parsed.getSubject()).isEqualTo("Grüße aus Köln");
        assertThat(parsed.getMessageID()).isEqualTo("<nov-2026.1@example.com>");
        assertThat(((InternetAddress) parsed.getAllRecipients()[0]).getPersonal()).isEqualTo("José Müller");
        assertThat(parsed.getHeader("X-Campaign")[0]).isEqualTo("nov-2026");
        assertThat(parsed.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        String wire = Files.readString(eml, StandardCharsets.US_ASCII);
        assertThat(wire).contains("boundary=\"=_b1\"").contains("filename*=UTF-8''R%C3%A9sum%C3%A9.txt").contains("Content-ID: <logo@example.com>");
    }

    @Test
    void sizeOptionPrintsTheExactRenderedSize() throws Exception {
        Path eml = dir.resolve("out.eml");
        run("render", "--deterministic", "-o", eml.toString(), fixture("newsletter.json").toString());
        assertThat(run("render", "--deterministic", "--size", fixture("newsletter.json").toString())).isZero();
        assertThat(cli.out().strip()).isEqualTo(String.valueOf(Files.size(eml)));
    }

    @Test
    void malformedJsonNamesLineAndColumn() throws Exception {
        Path json = Files.writeString(dir.resolve("bad.json"), "{\n  \"from\": \"a@x.org\",\n  \"to\": [\"b@x.org\"\n}");
        assertThat(run("render", json.toString())).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(cli.err()).contains("line 4, column").contains("malformed JSON");
    }

    @Test
    void unknownFieldIsAnErrorNotSilentlyDropped() throws Exception {
        Path json = Files.writeString(dir.resolve("typo.json"), "{\"from\": \"a@x.org\", \"to\": \"b@x.org\", \"subjet\": \"hi\"}");
        assertThat(run("render", json.toString())).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(cli.err()).contains("$.subjet").contains("unknown field");
    }

    @Test
    void headerInjectionIsRefusedWithItsLocation() throws Exception {
        Path json = Files.writeString(dir.resolve("inject.json"), "{\"from\": \"a@x.org\", \"to\": \"b@x.org\", \"headers\": {\"X-A\": \"v\\r\\nBcc: evil@x.org\"}}");
        assertThat(run("render", json.toString())).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(cli.err()).contains("$.headers['X-A']").contains("U+000D");
    }

    @Test
    void contentTypeInjectionIsRefusedWithItsLocationAndPosition() throws Exception {
        // A quoted parameter value used to carry CR LF into the part header ("Bcc: ..." as a line of its own).
        Path json = Files.writeString(dir.resolve("ctype.json"), "{\"from\": \"a@x.org\", \"to\": \"b@x.org\", \"attachments\": [{\"name\": \"a.txt\","
                + " \"text\": \"hi\", \"contentType\": \"text/plain; x=\\\"a\\r\\nBcc: victim@example.com\\\"\"}]}");
        assertThat(run("render", json.toString())).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(cli.err()).contains("$.attachments[0].contentType").contains("U+000D").contains("position 16");
        assertThat(cli.out()).doesNotContain("Bcc");
    }

    @Test
    void badAddressNamesTheArrayElement() throws Exception {
        Path json = Files.writeString(dir.resolve("addr.json"), "{\"from\": \"a@x.org\", \"to\": [\"b@x.org\", \"not an address\"]}");
        assertThat(run("render", json.toString())).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(cli.err()).contains("$.to[1]").contains("position");
    }

    @Test
    void versionAndHelpAreAvailable() {
        assertThat(run("--version")).isZero();
        assertThat(cli.out()).startsWith("mailgate 0.");
        assertThat(run("render", "--help")).isZero();
        assertThat(cli.out()).contains("--deterministic");
    }
}
