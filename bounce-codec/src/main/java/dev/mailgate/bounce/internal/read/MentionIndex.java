package dev.mailgate.bounce.internal.read;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every occurrence of every one of a set of strings in a text, found in one pass: addresses by their {@code @}
 * ({@link AtAnchoredSearch}), anything else with an Aho-Corasick automaton. The readers ask
 * "where is this address mentioned, and where is the next mention of another one" for each address a bounce names;
 * answering that with one scan of the text per address (and per other address) made a small mail with a thousand
 * addresses cost minutes (issue 18). Building the index costs the text's length plus the strings' lengths plus the
 * number of occurrences.
 *
 * <p>Case-insensitive matching compares characters the way {@link String#regionMatches(boolean, int, String, int,
 * int)} does: equal after upper- then lower-casing each character.
 */
final class MentionIndex {
    /** One occurrence: {@code text.substring(start, start + length)} equals pattern {@code pattern}. */
    record Mention(int start, int length, int pattern) {
        int end() {
            return start + length;
        }
    }

    private final List<String> patterns;
    private final int[][] byPattern;
    private final Mention[] all;
    private final int[] starts;

    private MentionIndex(List<String> patterns, int[][] byPattern, Mention[] all) {
        this.patterns = patterns;
        this.byPattern = byPattern;
        this.all = all;
        this.starts = new int[all.length];
        for (int i = 0; i < all.length; i++) {
            starts[i] = all[i].start;
        }
    }

    /** The index of no strings: a DSN whose recipients are all mailboxes asks for no pipe or file targets. */
    private static final MentionIndex NONE = new MentionIndex(List.of(), new int[0][], new Mention[0]);

    static MentionIndex of(String text, List<String> patterns, boolean ignoreCase) {
        if (patterns.isEmpty()) {
            return NONE;
        }
        List<Mention> found = new ArrayList<>();
        List<Integer> anchored = new ArrayList<>();
        List<String> others = new ArrayList<>();
        List<Integer> otherIds = new ArrayList<>();
        for (int p = 0; p < patterns.size(); p++) {
            if (AtAnchoredSearch.handles(patterns.get(p))) {
                anchored.add(p);
            } else {
                others.add(patterns.get(p));
                otherIds.add(p);
            }
        }
        if (!anchored.isEmpty()) {
            AtAnchoredSearch.find(text, patterns, anchored, ignoreCase,
                    (start, p) -> found.add(new Mention(start, patterns.get(p).length(), p)));
        }
        // an empty string has no occurrence here (a missing recipient is searched as ""): no pass for those alone
        if (others.stream().anyMatch(o -> !o.isEmpty())) {
            Automaton a = new Automaton(others, ignoreCase);
            int state = 0;
            for (int i = 0; i < text.length(); i++) {
                state = a.step(state, a.fold(text.charAt(i)));
                for (int s = state; s > 0; s = a.outputLink[s]) {
                    for (int p = a.firstOutput(s); p >= 0; p = a.nextOutput(p)) {
                        int len = others.get(p).length();
                        found.add(new Mention(i - len + 1, len, otherIds.get(p)));
                    }
                }
            }
        }
        // by start; at one start the longer first, so that an address comes before the shorter ones inside it
        found.sort((x, y) -> x.start != y.start ? Integer.compare(x.start, y.start) : Integer.compare(y.length, x.length));
        Mention[] all = found.toArray(new Mention[0]);
        int[] counts = new int[patterns.size()];
        for (Mention m : all) {
            counts[m.pattern]++;
        }
        int[][] byPattern = new int[patterns.size()][];
        for (int p = 0; p < counts.length; p++) {
            byPattern[p] = new int[counts[p]];
        }
        int[] fill = new int[patterns.size()];
        for (int i = 0; i < all.length; i++) {
            byPattern[all[i].pattern][fill[all[i].pattern]++] = i;
        }
        return new MentionIndex(List.copyOf(patterns), byPattern, all);
    }

    int size() {
        return all.length;
    }

    Mention get(int index) {
        return all[index];
    }

    String pattern(int p) {
        return patterns.get(p);
    }

    /** Indexes (into this index, in text order) of the occurrences of pattern {@code p}. */
    int[] occurrences(int p) {
        return byPattern[p];
    }

    /** Start of the first occurrence of pattern {@code p}, or -1. */
    int first(int p) {
        return byPattern[p].length == 0 ? -1 : all[byPattern[p][0]].start;
    }

    /** The index of the first occurrence that starts at or after {@code position} ({@link #size()} when none does). */
    int firstAtOrAfter(int position) {
        int i = Arrays.binarySearch(starts, position);
        if (i < 0) {
            return -i - 1;
        }
        while (i > 0 && starts[i - 1] == position) {
            i--;
        }
        return i;
    }

    /**
     * The trie with failure links, in primitive arrays (a boxed map per transition made the index of a few thousand
     * addresses mostly garbage-collector work): transitions in one open-addressing table keyed by state and
     * character, children as sibling lists for the breadth-first pass.
     */
    private static final class Automaton {
        private final boolean ignoreCase;
        private int states;
        private char[] label = new char[16];
        private int[] firstChild = new int[16];
        private int[] nextSibling = new int[16];
        private int[] fail = new int[16];
        private int[] firstOutput = new int[16];
        private final int[] nextOutput;
        private long[] keys;
        private int[] values;
        int[] outputLink;

        Automaton(List<String> patterns, boolean ignoreCase) {
            this.ignoreCase = ignoreCase;
            int chars = 0;
            for (String p : patterns) {
                chars += p.length();
            }
            int capacity = Integer.highestOneBit(Math.max(16, chars * 2)) * 2;
            keys = new long[capacity];
            values = new int[capacity];
            Arrays.fill(keys, -1L);
            nextOutput = new int[patterns.size()];
            newState('\0');
            for (int p = 0; p < patterns.size(); p++) {
                String pattern = patterns.get(p);
                if (pattern.isEmpty()) {
                    continue;
                }
                int s = 0;
                for (int i = 0; i < pattern.length(); i++) {
                    char c = fold(pattern.charAt(i));
                    int t = get(s, c);
                    if (t < 0) {
                        t = newState(c);
                        put(s, c, t);
                        nextSibling[t] = firstChild[s];
                        firstChild[s] = t;
                    }
                    s = t;
                }
                nextOutput[p] = firstOutput[s];
                firstOutput[s] = p;
            }
            outputLink = new int[states];
            int[] queue = new int[states];
            int head = 0;
            int tail = 0;
            for (int t = firstChild[0]; t >= 0; t = nextSibling[t]) {
                fail[t] = 0;
                queue[tail++] = t;
            }
            while (head < tail) {
                int s = queue[head++];
                int f = fail[s];
                outputLink[s] = firstOutput[f] >= 0 ? f : outputLink[f];
                for (int t = firstChild[s]; t >= 0; t = nextSibling[t]) {
                    fail[t] = s == 0 ? 0 : step(f, label[t]);
                    queue[tail++] = t;
                }
            }
        }

        private int newState(char c) {
            if (states == label.length) {
                int n = states * 2;
                label = Arrays.copyOf(label, n);
                firstChild = Arrays.copyOf(firstChild, n);
                nextSibling = Arrays.copyOf(nextSibling, n);
                fail = Arrays.copyOf(fail, n);
                firstOutput = Arrays.copyOf(firstOutput, n);
            }
            label[states] = c;
            firstChild[states] = -1;
            nextSibling[states] = -1;
            firstOutput[states] = -1;
            return states++;
        }

        /** The patterns that end at a state: {@code firstOutput}, then {@code nextOutput} of each. */
        int firstOutput(int state) {
            return firstOutput[state];
        }

        int nextOutput(int pattern) {
            return nextOutput[pattern];
        }

        char fold(char c) {
            return ignoreCase ? Character.toLowerCase(Character.toUpperCase(c)) : c;
        }

        /** The state after reading {@code c}: follows failure links, each of which shortens the match. */
        int step(int state, char c) {
            int s = state;
            while (true) {
                int t = get(s, c);
                if (t >= 0) {
                    return t;
                }
                if (s == 0) {
                    return 0;
                }
                s = fail[s];
            }
        }

        private int get(int state, char c) {
            long key = ((long) state << 16) | c;
            int mask = keys.length - 1;
            for (int i = slot(key, mask); ; i = (i + 1) & mask) {
                if (keys[i] == key) {
                    return values[i];
                }
                if (keys[i] == -1L) {
                    return -1;
                }
            }
        }

        private void put(int state, char c, int target) {
            long key = ((long) state << 16) | c;
            int mask = keys.length - 1;
            int i = slot(key, mask);
            while (keys[i] != -1L) {
                i = (i + 1) & mask;
            }
            keys[i] = key;
            values[i] = target;
        }

        private static int slot(long key, int mask) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h >>> 32) & mask;
        }
    }
}
