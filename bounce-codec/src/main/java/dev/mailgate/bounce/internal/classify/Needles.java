package dev.mailgate.bounce.internal.classify;

import java.util.ArrayList;
import java.util.List;

/**
 * The literal text a phrase regex cannot match without, so that most phrases are ruled out by a
 * {@link String#contains} (a vectorized scan) instead of a regex pass: Java's regex engine tries every alternative
 * at every position, which made phrase matching the bulk of the parse time. Deliberately simple: the longest
 * literal run at the top level of the pattern, or, for a pattern that starts with a required group of literal
 * alternatives ({@code (account|mailbox) ...}), those alternatives. Anything it cannot see through gives no needle,
 * and the phrase is always tried: a needle may only ever skip a phrase that could not have matched.
 */
final class Needles {
    private static final int MIN = 3;

    private Needles() {
    }

    /** A pattern split at its top-level {@code |}. */
    static List<String> topLevelAlternatives(String pattern) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        boolean inClass = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                out.add(pattern.substring(start, i));
                start = i + 1;
            }
        }
        out.add(pattern.substring(start));
        return out;
    }

    static List<String> of(String pattern) {
        String longest = longestLiteral(pattern);
        if (longest.length() >= MIN) {
            return List.of(longest);
        }
        // "(a|b|c)..." with the group required: one of its literal alternatives must occur
        if (pattern.startsWith("(") && !pattern.startsWith("(?")) {
            int close = matching(pattern, 0);
            if (close > 0 && !optionalAt(pattern, close + 1)) {
                List<String> needles = new ArrayList<>();
                for (String alt : topLevelAlternatives(pattern.substring(1, close))) {
                    String lit = longestLiteral(alt);
                    if (lit.length() < MIN) {
                        return List.of();
                    }
                    needles.add(lit);
                }
                return List.copyOf(needles);
            }
        }
        return List.of();
    }

    private static String longestLiteral(String p) {
        String best = "";
        StringBuilder run = new StringBuilder();
        int i = 0;
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '\\' && i + 1 < p.length()) {
                char e = p.charAt(i + 1);
                if ("dDsSwWbBAzZGQE".indexOf(e) >= 0 || Character.isDigit(e)) {
                    best = longer(best, run);
                    run.setLength(0);
                } else if (optionalAt(p, i + 2)) {
                    best = longer(best, run);
                    run.setLength(0);
                } else {
                    run.append(e);
                }
                i += 2;
                continue;
            }
            if (c == '(') {
                best = longer(best, run);
                run.setLength(0);
                int close = matching(p, i);
                if (close < 0) {
                    return "";
                }
                i = close + 1;
                continue;
            }
            if (c == '[') {
                best = longer(best, run);
                run.setLength(0);
                int close = p.indexOf(']', i + 2);
                if (close < 0) {
                    return "";
                }
                i = close + 1;
                continue;
            }
            if (".^$|)]+*?{}".indexOf(c) >= 0) {
                if (c == '+' && run.length() > 0) {
                    // x+ : x is required once; the run ends after it
                    best = longer(best, run);
                    run.setLength(0);
                } else if ((c == '?' || c == '*' || c == '{') && run.length() > 0) {
                    run.setLength(run.length() - 1); // the char before an optional quantifier is not required
                    best = longer(best, run);
                    run.setLength(0);
                } else {
                    best = longer(best, run);
                    run.setLength(0);
                }
                if (c == '{') {
                    int close = p.indexOf('}', i);
                    i = close < 0 ? p.length() : close + 1;
                    continue;
                }
                i++;
                continue;
            }
            run.append(c);
            i++;
        }
        return longer(best, run);
    }

    private static boolean optionalAt(String p, int i) {
        return i < p.length() && (p.charAt(i) == '?' || p.charAt(i) == '*' || p.startsWith("{0", i));
    }

    private static int matching(String p, int open) {
        int depth = 0;
        for (int i = open; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                int close = p.indexOf(']', i + 2);
                if (close < 0) {
                    return -1;
                }
                i = close;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static String longer(String best, StringBuilder run) {
        return run.length() > best.length() ? run.toString() : best;
    }
}
