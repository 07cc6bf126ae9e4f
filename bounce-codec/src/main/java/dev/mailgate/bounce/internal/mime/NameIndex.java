package dev.mailgate.bounce.internal.mime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fields of a long header block by name, case-insensitively: an open-addressing table over a case-folded hash
 * of each name, with the fields of one name chained in order. It replaces a map keyed by lower-cased names, which
 * made a lower-case copy of every name of every block with more than a few fields (and of each name asked for),
 * for some thirty look-ups. Field names are ASCII ({@link HeaderList} takes only printable ASCII before the colon),
 * so folding the ASCII case bit is the same as comparing them in lower case.
 *
 * <p>The hash is predictable, so a hostile block can give thousands of names one hash (31·h folds "0a" and "2#" to
 * the same value, and X- followed by k such pairs makes 2^k names), and linear probing over them is quadratic: 32,768
 * such fields took 10 s. An insert that probes more than {@link #MAX_PROBES} slots therefore gives the table up for a
 * hash map of the lower-cased names (the old index, whose buckets of colliding Strings become trees), so the cost
 * stays linear in the block whatever its names.
 */
final class NameIndex {
    private static final int[] NONE = new int[0];
    /** Slots one insert may probe; ordinary blocks (distinct names, a table twice their size) need one or two. */
    static final int MAX_PROBES = 16;

    private final List<String> names;
    /** Per slot: the first field of a name plus one, 0 for an empty slot. */
    private final int[] slots;
    /** Per field: its name's folded hash, and the next field of the same name (-1 for none). */
    private final int[] hashes;
    private final int[] next;
    /** Per field that starts a chain: how many fields the chain has. */
    private final int[] counts;
    /** The fields by lower-cased name, when the table was given up (null otherwise). */
    private final Map<String, List<Integer>> byLowerName;

    NameIndex(List<String> names) {
        this.names = names;
        int n = names.size();
        int size = Integer.highestOneBit(Math.max(4, n) * 2 - 1) << 1;
        slots = new int[size];
        hashes = new int[n];
        next = new int[n];
        counts = new int[n];
        byLowerName = fillTable() ? null : mapOf(names);
    }

    private static Map<String, List<Integer>> mapOf(List<String> names) {
        Map<String, List<Integer>> map = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            map.computeIfAbsent(names.get(i).toLowerCase(Locale.ROOT), k -> new ArrayList<>(1)).add(i);
        }
        return map;
    }

    /** Fills the table; false when an insert would probe more than {@link #MAX_PROBES} slots. */
    private boolean fillTable() {
        int n = names.size();
        int mask = slots.length - 1;
        int[] last = new int[n];
        for (int i = 0; i < n; i++) {
            String name = names.get(i);
            int h = foldedHash(name);
            hashes[i] = h;
            next[i] = -1;
            int slot = h & mask;
            int probes = 0;
            while (slots[slot] != 0) {
                int head = slots[slot] - 1;
                if (hashes[head] == h && sameName(names.get(head), name)) {
                    break;
                }
                if (++probes > MAX_PROBES) {
                    return false;
                }
                slot = (slot + 1) & mask;
            }
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
        return true;
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
        if (byLowerName != null) {
            List<Integer> fields = byLowerName.get(name.toLowerCase(Locale.ROOT));
            return fields == null ? -1 : fields.get(0);
        }
        return slots[find(name, foldedHash(name))] - 1;
    }

    /** Every field of a name, in order. */
    int[] all(String name) {
        if (byLowerName != null) {
            List<Integer> fields = byLowerName.get(name.toLowerCase(Locale.ROOT));
            return fields == null ? NONE : fields.stream().mapToInt(Integer::intValue).toArray();
        }
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
