package dev.mailgate.bounce.internal.classify;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A diagnostic as the phrase rules read it, prepared once: lower case with addresses and links out, only its first
 * {@value #MAX_TEXT} characters (a reason is stated near the start, and the time per message stays bounded), and which
 * literal needles of {@link PublishedTexts} and {@link ReasonText} it contains, found in one {@link NeedleSet} pass
 * for both. Each table used to lower-case and scan the same reply again.
 */
final class Words {
    static final int MAX_TEXT = 2048;
    /** A blank text: no rule reads anything in it. */
    static final Words NONE = new Words("", new BitSet());

    private static final List<String> NEEDLES = new ArrayList<>();
    private static final Map<String, Integer> IDS = new HashMap<>();

    final String lower;
    final BitSet present;

    private Words(String lower, BitSet present) {
        this.lower = lower;
        this.present = present;
    }

    /** The id of a literal in the shared needle set, registered by the tables while they are built. */
    static synchronized int needle(String literal) {
        return IDS.computeIfAbsent(literal, l -> {
            NEEDLES.add(l);
            return NEEDLES.size() - 1;
        });
    }

    /** Every table's needles, once both tables are built. */
    private static final class Scan {
        static final NeedleSet ALL;

        static {
            PublishedTexts.load();
            ReasonText.load();
            synchronized (Words.class) {
                ALL = new NeedleSet(List.copyOf(NEEDLES));
            }
        }
    }

    static Words of(String text) {
        if (text.isBlank()) {
            return NONE;
        }
        String lower = ReasonText.withoutAddressesAndLinks(text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text);
        return new Words(lower, Scan.ALL.find(lower));
    }

    boolean isNone() {
        return this == NONE;
    }
}
