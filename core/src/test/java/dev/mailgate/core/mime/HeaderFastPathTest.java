package dev.mailgate.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.core.internal.Rfc5322;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The header-writing fast paths against the code they replaced, on random and hostile text. */
class HeaderFastPathTest {
    private static final String[] PIECES = {"a", "Zed", " ", "  ", ".", "\"", "é", "😀", "\uD800", "=?", "@", "x".repeat(70), "y".repeat(71), "\t", "\u00A0"};

    @Test
    void plainAtomsAgreesWithSplitAndAStream() {
        Random r = new Random(5322);
        for (int t = 0; t < 50_000; t++) {
            String name = random(r, r.nextInt(8));
            String[] atoms = name.split(" ", -1);
            boolean plain = true;
            for (String atom : atoms) {
                plain &= !atom.isEmpty() && atom.length() <= 70 && atom.chars().allMatch(c -> Rfc5322.isAtext((char) c));
            }
            List<String> fast = Renderer.plainAtoms(name);
            assertThat(fast).as("%s", name).isEqualTo(plain ? List.of(atoms) : null);
        }
    }

    @Test
    void textWritesTheUtf8OfStringsAndBuildersAtAnyFill() throws Exception {
        Random r = new Random(6532);
        for (int t = 0; t < 20_000; t++) {
            CharSequence s = random(r, r.nextInt(r.nextInt(10) == 0 ? 400 : 10));
            if (r.nextBoolean()) {
                s = new StringBuilder(s);
            }
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            MimeOutput out = new MimeOutput(sink);
            byte[] fill = new byte[r.nextInt(8192 + 100)];
            out.write(fill, 0, fill.length);
            out.text(s);
            out.write('!');
            out.flush();
            out.release();
            byte[] prefix = fill;
            byte[] got = sink.toByteArray();
            assertThat(java.util.Arrays.copyOfRange(got, 0, prefix.length)).isEqualTo(prefix);
            assertThat(java.util.Arrays.copyOfRange(got, prefix.length, got.length))
                    .as("%s after %d", s, fill.length).isEqualTo((s + "!").getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String random(Random r, int pieces) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            s.append(PIECES[r.nextInt(PIECES.length)]);
        }
        return s.toString();
    }
}
