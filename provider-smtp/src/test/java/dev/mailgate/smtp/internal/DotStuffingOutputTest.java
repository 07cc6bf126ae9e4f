package dev.mailgate.smtp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The stuffing the connection does as it writes ({@link DotStuffingOutput}) against the separate pass
 * ({@link DotStuffing#encode}, itself checked octet by octet in {@link DotStuffingDifferentialTest}): byte for byte
 * the same on hostile content — lines starting with '.', bare CR and LF, CRLF "." CRLF inside the content, a CR as
 * the last octet of one write and the LF in the next — however the content is cut into writes.
 */
class DotStuffingOutputTest {
    private static final byte[] ALPHABET = {'\r', '\n', '.', (byte) 0xC3, 'a', ' ', '\r', '\n', '.'};

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "\r", "\n", "\r\n", "\r\r\n", "\n\r", ".\r\n", "a\r\n.\r\nb", "x\r\n.\r\n",
        "\r\n.\r\n", "line\r\n.\r\n\r\n.\r\nafter the fake terminator\r\n", "x\r.\ry", "x\n.\ny", "x\r\n.\rz", ".a\r\n..b\r\n...",
        "trailing CR\r", "trailing LF\n", "no line break", "\r\n\r\n", "..\r\n.\r\n."})
    void hostileContentComesOutAsTheSeparatePassWritesIt(String text) throws IOException {
        byte[] content = text.getBytes(StandardCharsets.ISO_8859_1);
        byte[] expected = DotStuffing.encode(ByteBuffer.wrap(content)).data();
        assertThat(whole(content)).isEqualTo(expected);
        for (int cut = 0; cut <= content.length; cut++) {
            assertThat(split(content, cut)).as("cut at %d", cut).isEqualTo(expected);
        }
        assertThat(octetByOctet(content)).isEqualTo(expected);
    }

    @Test
    void agreesWithTheSeparatePassOnRandomContentCutIntoRandomWrites() throws IOException {
        Random random = new Random(2920);
        for (int round = 0; round < 50_000; round++) {
            byte[] content = new byte[random.nextInt(round % 10 == 0 ? 700 : 40)];
            for (int i = 0; i < content.length; i++) {
                content[i] = random.nextInt(3) == 0 ? ALPHABET[random.nextInt(ALPHABET.length)] : (byte) ('a' + random.nextInt(26));
            }
            if (round % 2 == 0) {
                // CRLF only: the runs of good lines, with a dot now and then after a break
                content = new String(content, StandardCharsets.ISO_8859_1).replace("\r", "").replace("\n", "\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1);
            }
            byte[] expected = DotStuffing.encode(ByteBuffer.wrap(content)).data();
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            DotStuffingOutput out = new DotStuffingOutput(sink).begin();
            for (int i = 0; i < content.length; ) {
                int n = Math.min(content.length - i, random.nextInt(12));
                out.write(content, i, n);
                i += n;
            }
            assertThat(out.end()).isEqualTo(expected.length);
            assertThat(sink.toByteArray()).as("round %d", round).isEqualTo(expected);
        }
    }

    @Test
    void isReusedForTheNextMessageWithNothingCarriedOver() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        DotStuffingOutput out = new DotStuffingOutput(sink);
        out.begin().write("open line\r".getBytes(StandardCharsets.US_ASCII));
        out.end();
        sink.reset();
        out.begin().write(".next\r\n".getBytes(StandardCharsets.US_ASCII));
        out.end();
        assertThat(sink.toString(StandardCharsets.US_ASCII)).isEqualTo("..next\r\n.\r\n");
    }

    private static byte[] whole(byte[] content) throws IOException {
        return split(content, content.length);
    }

    private static byte[] split(byte[] content, int cut) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        DotStuffingOutput out = new DotStuffingOutput(sink).begin();
        out.write(content, 0, cut);
        out.write(content, cut, content.length - cut);
        long n = out.end();
        assertThat(n).isEqualTo(sink.size());
        return sink.toByteArray();
    }

    private static byte[] octetByOctet(byte[] content) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        DotStuffingOutput out = new DotStuffingOutput(sink).begin();
        for (byte b : content) {
            out.write(b);
        }
        out.end();
        return sink.toByteArray();
    }
}
