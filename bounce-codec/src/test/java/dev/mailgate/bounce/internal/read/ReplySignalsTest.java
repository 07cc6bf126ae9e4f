package dev.mailgate.bounce.internal.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The precomputed reply signals answer exactly what splitting the block into lines and calling replyStart on each
 * answered, on texts built from the characters those tests look at, for every block of every text.
 */
class ReplySignalsTest {
    private static final String ALPHABET = "2455501..  \t-\n\rsSaid:x@";

    @Test
    void agreesWithReplyStartOnEveryBlock() {
        Random random = new Random(18);
        for (int round = 0; round < 1500; round++) {
            StringBuilder b = new StringBuilder();
            int length = 1 + random.nextInt(40);
            for (int i = 0; i < length; i++) {
                b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            String text = b.toString();
            ReplySignals signals = new ReplySignals(text);
            for (int from = 0; from <= text.length(); from++) {
                for (int to = from; to <= text.length(); to++) {
                    assertThat(signals.quotesReply(from, to)).as("\"%s\" [%d, %d)", text, from, to)
                            .isEqualTo(byLines(text.substring(from, to)));
                }
            }
        }
    }

    @Test
    void typicalReplies() {
        for (String line : List.of("said: 550 no", "550 5.1.1 unknown", "Remote host said:", "x 5.7.1 blocked", "  421-try later")) {
            assertThat(new ReplySignals("a@b.cc\n" + line + "\n").quotesReply(6, 8 + line.length())).as(line).isTrue();
        }
        String version = "version 5.1.1234 and 2001 or 15.1.1 or 5.1.1.3";
        assertThat(new ReplySignals(version).quotesReply(0, version.length())).isFalse();
    }

    private static boolean byLines(String block) {
        for (String line : block.split("\n")) {
            if (PlainTextReader.replyStart(line) >= 0) {
                return true;
            }
        }
        return false;
    }
}
