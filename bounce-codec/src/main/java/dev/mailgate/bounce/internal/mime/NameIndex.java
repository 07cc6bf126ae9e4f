package dev.mailgate.bounce.internal.mime;

import java.util.Arrays;
import java.util.List;

/**
 * The fields of a long header block by name, case-insensitively: an open-addressing table over a case-folded hash
 * of each name, with the fields of one name chained in order. It replaces a map keyed by lower-cased names, which
 * made a lower-case copy of every name of every block with more than a few fields (and of each name asked for),
 * for some thirty look-ups. Field names are ASCII ({@link HeaderList} takes only printable ASCII before the colon),
 * so folding the ASCII case bit is the same as comparing them in lower case.
 */
final class NameIndex {
    private static final int[] NONE = new int[0];

    private final List<String> names;
    /** Per slot: the first field of a name plus one, 0 for an empty slot. */
    private final int[] slots;
    /** Per field: its name's folded hash, and the next field of the same name (-1 for none). */
    private final int[] hashes;
    private final int[] next;
    /** Per field that starts a chain: how many fields the chain has. */
    private final int[] counts;

    NameIndex(List<String> names) {
        this.names = names;
        int n = names.size();
        int size = Integer.highestOneBit(Math.max(4, n) * 2 - 1) << 1;
        slots = new int[size];
        hashes = new int[n];
        next = new int[n];
        counts = new int[n];
        int[] last = new int[n];
        for (int i = 0; i < n; i++) {
            String name = names.get(i);
            int h = foldedHash(name);
            hashes[i] = h;
            next[i] = -1;
            int slot = find(name, h);
            if (slots[slot] == 0) {
                slots[slot] = i + 1;
                counts[i] = 1;
                last[i] = i;
            } else {
                int head = slots[slot] - 1;
                next[last[head]] = i;
                last[head] = i;
                counts[head]++;
            }
        }
    }

    /** The slot that holds {@code name}, or the empty slot where it would go. */
    private int find(String name, int h) {
        int mask = slots.length - 1;
        int slot = h & mask;
        while (slots[slot] != 0) {
            int head = slots[slot] - 1;
            if (hashes[head] == h && sameName(names.get(head), name)) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /** The first field of a name, or -1. */
    int first(String name) {
        return slots[find(name, foldedHash(name))] - 1;
    }

    /** Every field of a name, in order. */
    int[] all(String name) {
        int head = first(name);
        if (head < 0) {
            return NONE;
        }
        int[] out = new int[counts[head]];
        int k = 0;
        for (int i = head; i >= 0; i = next[i]) {
            out[k++] = i;
        }
        return k == out.length ? out : Arrays.copyOf(out, k);
    }

    /**
     * A hash that ignores the ASCII case bit: of every character, not only of letters, which needs no test per
     * character; the few names it makes collide ("X-@" and "X-`") are told apart by {@link #sameName}.
     */
    static int foldedHash(String name) {
        int h = 0;
        for (int i = 0; i < name.length(); i++) {
            h = 31 * h + (name.charAt(i) | 0x20);
        }
        return h ^ (h >>> 16);
    }

    /** Whether two names are the same field name; for ASCII names this equals comparing them in lower case. */
    static boolean sameName(String n, String name) {
        int length = name.length();
        // length and first letter (ASCII case bit folded) before the full comparison, and the exact spelling (the
        // usual case) before the case-insensitive one, which folds every character
        return n.length() == length && (length == 0 || (n.charAt(0) | 0x20) == (name.charAt(0) | 0x20))
                && (n.equals(name) || n.equalsIgnoreCase(name));
    }
}
