package dev.mailgate.bounce.internal.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The hashed index answers what the map of lower-cased names it replaced answered: every field of a name, in order,
 * whatever the case of the name asked for or of the names in the block (field names are printable ASCII).
 */
class NameIndexTest {
    private static final String[] NAMES = {"Received", "RECEIVED", "received", "From", "To", "X-Failed-Recipients",
        "Content-Type", "content-type", "Subject", "A", "a", "B", "Reply-To", "x-to", "X-T0", "@", "`"};

    @Test
    void agreesWithLowerCasedNamesOnRandomBlocks() {
        Random random = new Random(25);
        for (int round = 0; round < 500; round++) {
            List<String> names = new ArrayList<>();
            int n = 17 + random.nextInt(60);
            for (int i = 0; i < n; i++) {
                names.add(NAMES[random.nextInt(NAMES.length)]);
            }
            NameIndex index = new NameIndex(names);
            for (String asked : NAMES) {
                int[] expected = byLowerCase(names, asked);
                assertThat(index.all(asked)).as("%s in %s", asked, names).containsExactly(expected);
                assertThat(index.first(asked)).isEqualTo(expected.length == 0 ? -1 : expected[0]);
            }
            assertThat(index.first("Not-There")).isEqualTo(-1);
            assertThat(index.all("Not-There")).isEmpty();
        }
    }

    @Test
    void namesOfOneHashGiveTheTableUpAndStillAnswerRight() {
        // "0a" and "2#" fold to one 31·h value, so these 64 names (in two cases, repeated) share one hash
        List<String> names = new ArrayList<>();
        List<String> asked = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            StringBuilder name = new StringBuilder("X-");
            for (int bit = 5; bit >= 0; bit--) {
                name.append((i >> bit & 1) == 0 ? "0a" : "2#");
            }
            assertThat(NameIndex.foldedHash(name.toString())).isEqualTo(NameIndex.foldedHash("X-0a0a0a0a0a0a"));
            names.add(name.toString());
            names.add(name.toString().toUpperCase(Locale.ROOT));
            asked.add(name.toString().toUpperCase(Locale.ROOT));
        }
        names.add("Subject");
        asked.add("SUBJECT");
        asked.add("X-0a0a0a0a0a0b");
        NameIndex index = new NameIndex(names);
        for (String name : asked) {
            int[] expected = byLowerCase(names, name);
            assertThat(index.all(name)).as(name).containsExactly(expected);
            assertThat(index.first(name)).isEqualTo(expected.length == 0 ? -1 : expected[0]);
        }
    }

    @Test
    void headerListUsesItForLongBlocks() {
        StringBuilder block = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            block.append(i % 2 == 0 ? "Received: hop " : "X-Other: ").append(i).append('\n');
        }
        block.append("SUBJECT: hello\n");
        HeaderList h = HeaderList.parse(block.toString());
        assertThat(h.firstOrEmpty("Subject")).isEqualTo("hello");
        assertThat(h.all("received")).hasSize(20).startsWith("hop 0", "hop 2").endsWith("hop 38");
        assertThat(h.has("x-other")).isTrue();
        assertThat(h.has("X-Missing")).isFalse();
    }

    private static int[] byLowerCase(List<String> names, String asked) {
        String key = asked.toLowerCase(Locale.ROOT);
        int[] out = new int[0];
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).toLowerCase(Locale.ROOT).equals(key)) {
                out = Arrays.copyOf(out, out.length + 1);
                out[out.length - 1] = i;
            }
        }
        return out;
    }
}
