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
    private static final String[] PIECES = {"a", "b", "Z", " ", "\t", "=", ".", "é", "—", "\n", "\r\n", "\r", " \n", "\t\n", " \r", "x".repeat(90)};

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
                assertThat(new String(decoded.readAllBytes(), StandardCharsets.UTF_8)).as("round %d", round).isEqualTo(canonical(text));
            }
        }
    }

    /** RFC 2046 section 4.1.1: every line break on the wire is CRLF, whatever the application wrote. */
    private static String canonical(CharSequence text) {
        return text.toString().replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n");
    }

    @Test
    void everyEncodingWritesTheCanonicalFormOfBareLineBreaks() throws Exception {
        Random random = new Random(2046);
        for (int round = 0; round < 5_000; round++) {
            StringBuilder text = new StringBuilder();
            int pieces = random.nextInt(60);
            for (int i = 0; i < pieces; i++) {
                text.append(random.nextInt(3) == 0 ? PIECES[random.nextInt(PIECES.length)] : "abcdefgh".substring(random.nextInt(8)));
            }
            TextBody body = TextBody.of(text.toString());
            byte[] expected = canonical(text).getBytes(StandardCharsets.UTF_8);
            assertThat(body.length).as("round %d canonical length", round).isEqualTo(expected.length);
            assertThat(java.util.Arrays.copyOf(body.canonicalBytes(), body.length)).as("round %d", round).isEqualTo(expected);
            for (TransferEncoding encoding : new TransferEncoding[] {TransferEncoding.SEVEN_BIT, TransferEncoding.EIGHT_BIT}) {
                MimeOutput out = new MimeOutput(64);
                encoding.write(body, out);
                assertThat(out.toByteArray()).as("round %d %s", round, encoding).isEqualTo(expected);
            }
            MimeOutput out = new MimeOutput(64);
            TransferEncoding.BASE64.write(body, out);
            String wire = new String(out.toByteArray(), StandardCharsets.US_ASCII).replace("\r\n", "");
            assertThat(java.util.Base64.getDecoder().decode(wire)).as("round %d base64", round).isEqualTo(expected);
        }
    }
}
