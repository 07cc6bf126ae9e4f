package dev.mailgate.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Utf8Scratch} must give exactly the octets of {@code String.getBytes(UTF_8)}, the reference it replaces. */
class Utf8ScratchTest {
    private static final String[] PIECES = {
        "a", " ", "\r", "\n", "\0", "\u007F", "\u0080", "é", "ÿ", "\u07FF", "\u0800", "€", "\uFFFF", "😀", "\uD800",
        "\uDBFF", "\uDC00", "\uDFFF", "\uD83D\uDE00", "x".repeat(100),
    };

    @Test
    void randomAndHostileTextEncodesAsTheJdkDoes() {
        Random r = new Random(7);
        Utf8Scratch scratch = new Utf8Scratch();
        for (int t = 0; t < 20_000; t++) {
            StringBuilder s = new StringBuilder();
            int pieces = r.nextInt(t % 10 == 0 ? 3000 : 60);
            for (int i = 0; i < pieces; i++) {
                s.append(PIECES[r.nextInt(PIECES.length)]);
            }
            check(scratch, s.toString());
        }
    }

    @Test
    void surrogatesAtEveryChunkEdge() {
        Utf8Scratch scratch = new Utf8Scratch();
        for (int at = 1000; at < 1050; at++) {
            for (String tail : new String[] {"\uD83D\uDE00", "\uD83D", "\uDE00", "\uD83D\uD83D\uDE00", "\uD83Dx", "€"}) {
                check(scratch, "a".repeat(at) + tail);
                check(scratch, "a".repeat(at) + tail + "b");
                check(scratch, "é".repeat(at) + tail + "\uD83D");
            }
        }
    }

    @Test
    void bodiesLargerThanTheBufferGrowItAndAHugeOneIsNotKept() {
        Utf8Scratch scratch = Utf8Scratch.take();
        check(scratch, "中".repeat(50_000));
        assertThat(scratch.bytes().length).isGreaterThanOrEqualTo(150_000);
        scratch.release();
        Utf8Scratch again = Utf8Scratch.take();
        assertThat(again).isSameAs(scratch);
        assertThat(again.bytes().length).isLessThanOrEqualTo(64 * 1024);
        check(again, "after the huge one: " + "é".repeat(100));
        assertThat(Utf8Scratch.take()).as("taken out while in use").isNotSameAs(again);
        again.release();
    }

    private static void check(Utf8Scratch scratch, String s) {
        int n = scratch.encode(s);
        assertThat(Arrays.copyOf(scratch.bytes(), n)).as("%s", s).isEqualTo(s.getBytes(StandardCharsets.UTF_8));
    }
}
