package dev.mailgate.bounce.internal.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The index finds exactly the occurrences a case-insensitive search at every position finds (what the readers did
 * before, once per address): for strings with an "@" (the anchored search), without one (the automaton), overlapping,
 * nested and repeated, in texts of mixed case.
 */
class MentionIndexTest {
    private static final String ALPHABET = "abAB@.x-@ \n";

    @Test
    void agreesWithASearchAtEveryPosition() {
        Random random = new Random(24);
        for (int round = 0; round < 3000; round++) {
            String text = random(random, 1 + random.nextInt(60));
            List<String> patterns = new ArrayList<>();
            int count = 1 + random.nextInt(6);
            for (int i = 0; i < count; i++) {
                // half of them taken from the text, so that there are matches
                if (random.nextBoolean() && text.length() > 2) {
                    int from = random.nextInt(text.length() - 1);
                    patterns.add(text.substring(from, Math.min(text.length(), from + 1 + random.nextInt(8))).toLowerCase());
                } else {
                    patterns.add(random(random, 1 + random.nextInt(5)));
                }
            }
            for (boolean ignoreCase : new boolean[] {true, false}) {
                MentionIndex index = MentionIndex.of(text, patterns, ignoreCase);
                List<String> found = new ArrayList<>();
                for (int i = 0; i < index.size(); i++) {
                    found.add(index.get(i).start() + ":" + index.get(i).pattern());
                }
                List<String> expected = new ArrayList<>();
                for (int start = 0; start < text.length(); start++) {
                    // longer first at one start, as the index orders them
                    for (int len = text.length() - start; len > 0; len--) {
                        for (int p = 0; p < patterns.size(); p++) {
                            String pattern = patterns.get(p);
                            if (pattern.length() == len && text.regionMatches(ignoreCase, start, pattern, 0, len)) {
                                expected.add(start + ":" + p);
                            }
                        }
                    }
                }
                assertThat(found).as("\"%s\" %s ignoreCase=%s", text, patterns, ignoreCase).containsExactlyInAnyOrderElementsOf(expected);
                for (int i = 1; i < index.size(); i++) {
                    assertThat(index.get(i).start()).isGreaterThanOrEqualTo(index.get(i - 1).start());
                }
            }
        }
    }

    @Test
    void aThousandAddressesInOnePass() {
        StringBuilder text = new StringBuilder();
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            addresses.add("user" + i + "@example.org");
            text.append("  User").append(i).append("@Example.ORG: unavailable\n");
        }
        MentionIndex index = MentionIndex.of(text.toString(), addresses, true);
        // no address is inside another ("user1@" is not in "user11@"): each is found once, whatever its case
        for (int p = 0; p < addresses.size(); p++) {
            assertThat(index.occurrences(p)).as(addresses.get(p)).hasSize(1);
        }
    }

    private static String random(Random random, int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }
}
