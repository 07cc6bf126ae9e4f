package dev.mailgate.bounce.internal.read;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Finds addresses in a text by their {@code @}: every occurrence of a string that contains one lines its first
 * {@code @} up with an {@code @} of the text, so only those positions are tried, each with the domain and local-part
 * lengths the searched addresses have, compared by rolling hash and confirmed character by character. The work is
 * the number of {@code @} in the text times the number of distinct domain lengths (plus the local-part lengths of
 * the domains that match), and it touches the text near each {@code @} only: an automaton over thousands of
 * addresses spent its time in cache misses. Strings longer than an address can be (RFC 5321 section 4.5.3.1: 64
 * octets of local part, 255 of domain) are left to the automaton, which bounds those numbers.
 */
final class AtAnchoredSearch {
    static final int LONGEST = 64 + 1 + 255;
    private static final long BASE = 0x100000001B3L;

    private AtAnchoredSearch() {
    }

    /** Whether this search can look for the string: it has an {@code @} and is no longer than an address. */
    static boolean handles(String pattern) {
        return pattern.indexOf('@') >= 0 && pattern.length() <= LONGEST;
    }

    /**
     * Reports each occurrence as {@code found.accept(patternIndex)} after setting {@code starts[0]} to its start; the
     * patterns given are the indexes into {@code patterns} this search handles.
     */
    static void find(String text, List<String> patterns, List<Integer> handled, boolean ignoreCase, Hit found) {
        if (handled.size() <= FEW) {
            findFew(text, patterns, handled, ignoreCase, found);
            return;
        }
        int n = text.length();
        long[] prefix = new long[n + 1];
        for (int i = 0; i < n; i++) {
            prefix[i + 1] = prefix[i] * BASE + fold(text.charAt(i), ignoreCase);
        }
        long[] power = new long[LONGEST + 1];
        power[0] = 1;
        for (int i = 1; i <= LONGEST; i++) {
            power[i] = power[i - 1] * BASE;
        }
        // level 1: (domain length, domain hash) -> the local-part lengths of the addresses with that domain
        Map<Long, int[]> domains = new HashMap<>();
        // level 2: (local length, local hash, domain key) -> the addresses
        Map<Long, int[]> addresses = new HashMap<>();
        int[] domainLengths = new int[0];
        for (int p : handled) {
            String pattern = patterns.get(p);
            int at = pattern.indexOf('@');
            int domainLength = pattern.length() - at - 1;
            long domainKey = key(domainLength, hash(pattern, at + 1, pattern.length(), ignoreCase));
            int[] locals = domains.get(domainKey);
            domains.put(domainKey, locals == null ? new int[] {at} : contains(locals, at) ? locals : append(locals, at));
            addresses.merge(key(key(at, hash(pattern, 0, at, ignoreCase)), domainKey), new int[] {p},
                    (old, add) -> append(old, add[0]));
            if (!contains(domainLengths, domainLength)) {
                domainLengths = append(domainLengths, domainLength);
            }
        }
        for (int k = text.indexOf('@'); k >= 0; k = text.indexOf('@', k + 1)) {
            for (int domainLength : domainLengths) {
                int end = k + 1 + domainLength;
                if (end > n) {
                    continue;
                }
                long domainKey = key(domainLength, range(prefix, power, k + 1, end));
                int[] locals = domains.get(domainKey);
                if (locals == null) {
                    continue;
                }
                for (int local : locals) {
                    int start = k - local;
                    if (start < 0) {
                        continue;
                    }
                    int[] candidates = addresses.get(key(key(local, range(prefix, power, start, k)), domainKey));
                    if (candidates == null) {
                        continue;
                    }
                    for (int p : candidates) {
                        String pattern = patterns.get(p);
                        if (text.regionMatches(ignoreCase, start, pattern, 0, pattern.length())) {
                            found.at(start, p);
                        }
                    }
                }
            }
        }
    }

    /**
     * Up to this many addresses are compared directly at each {@code @} of the text: a bounce names one or a few, and
     * hashing the whole text (folding every character's case) cost more than the comparisons it saves.
     */
    private static final int FEW = 8;

    /**
     * The same occurrences, in the same order for one {@code @}, as the hashed search: each address whose first
     * {@code @} lines up with an {@code @} of the text, confirmed by {@link String#regionMatches(boolean, int, String,
     * int, int)}. The work is the number of {@code @} times at most {@link #FEW} comparisons.
     */
    private static void findFew(String text, List<String> patterns, List<Integer> handled, boolean ignoreCase, Hit found) {
        int count = handled.size();
        String[] wanted = new String[count];
        int[] ats = new int[count];
        for (int i = 0; i < count; i++) {
            wanted[i] = patterns.get(handled.get(i));
            ats[i] = wanted[i].indexOf('@');
        }
        int n = text.length();
        for (int k = text.indexOf('@'); k >= 0; k = text.indexOf('@', k + 1)) {
            for (int i = 0; i < count; i++) {
                int start = k - ats[i];
                String pattern = wanted[i];
                if (start >= 0 && start + pattern.length() <= n && text.regionMatches(ignoreCase, start, pattern, 0, pattern.length())) {
                    found.at(start, handled.get(i));
                }
            }
        }
    }

    /** Receives one occurrence. */
    interface Hit {
        void at(int start, int pattern);
    }

    private static long range(long[] prefix, long[] power, int from, int to) {
        return prefix[to] - prefix[from] * power[to - from];
    }

    private static long hash(String s, int from, int to, boolean ignoreCase) {
        long h = 0;
        for (int i = from; i < to; i++) {
            h = h * BASE + fold(s.charAt(i), ignoreCase);
        }
        return h;
    }

    private static long key(long a, long b) {
        long h = a * 0x9E3779B97F4A7C15L + b;
        return h ^ (h >>> 29);
    }

    static char fold(char c, boolean ignoreCase) {
        return ignoreCase ? Character.toLowerCase(Character.toUpperCase(c)) : c;
    }

    private static boolean contains(int[] values, int v) {
        for (int x : values) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    private static int[] append(int[] values, int v) {
        int[] out = java.util.Arrays.copyOf(values, values.length + 1);
        out[values.length] = v;
        return out;
    }
}
