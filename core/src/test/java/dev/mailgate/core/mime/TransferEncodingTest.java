package dev.mailgate.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Quoted-printable against an independent decoder (Angus Mail's) on random text made of the characters that matter
 * to RFC 2045 section 6.7: spaces and tabs (rule 3 at line ends), '=', 8-bit characters, line breaks, long lines.
 */
class TransferEncodingTest {
    private static final String[] PIECES = {"a", "b", "Z", " ", "\t", "=", ".", "é", "—", "\n", "\r\n", " \n", "\t\n", "x".repeat(90)};

    @Test
    void quotedPrintableDecodesToTheTextWithLegalLines() throws Exception {
        Random random = new Random(2045);
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            int pieces = random.nextInt(round % 10 == 0 ? 400 : 40);
            for (int i = 0; i < pieces; i++) {
                text.append(random.nextInt(3) == 0 ? PIECES[random.nextInt(PIECES.length)] : "abcdefgh".substring(random.nextInt(8)));
            }
            TextBody body = TextBody.of(text.toString());
            MimeOutput out = new MimeOutput(1024);
            TransferEncoding.QUOTED_PRINTABLE.write(body, out);
            byte[] wire = out.toByteArray();

            String encoded = new String(wire, StandardCharsets.US_ASCII);
            for (String line : encoded.split("\r\n", -1)) {
                assertThat(line.length()).as("round %d line length", round).isLessThanOrEqualTo(76);
                assertThat(line).as("round %d: white space at a line end", round).doesNotEndWith(" ").doesNotEndWith("\t");
            }
            try (InputStream decoded = MimeUtility.decode(new ByteArrayInputStream(wire), "quoted-printable")) {
                String canonical = text.toString().replace("\r\n", "\n").replace("\n", "\r\n");
                assertThat(new String(decoded.readAllBytes(), StandardCharsets.UTF_8)).as("round %d", round).isEqualTo(canonical);
            }
        }
    }
}
