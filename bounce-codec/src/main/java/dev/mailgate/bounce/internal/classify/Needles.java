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

    /**
     * The most selective needle set of a pattern: its longest top-level literal run, or one of its required groups
     * of literal alternatives, whichever has the longest shortest needle (long words are rare words).
     */
    static List<String> of(String pattern) {
        List<String> best = List.of();
        int bestScore = MIN - 1;
        String run = longestLiteral(pattern);
        if (run.length() > bestScore) {
            best = List.of(run);
            bestScore = run.length();
        }
        int depth = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i++;
                continue;
            }
            if (c == '[') {
                int close = pattern.indexOf(']', i + 2);
                if (close < 0) {
                    break;
                }
                i = close;
                continue;
            }
            if (c != '(' || depth != 0) {
                continue;
            }
            int close = matching(pattern, i);
            if (close < 0) {
                break;
            }
            boolean lookaround = pattern.startsWith("(?", i);
            if (!lookaround && !optionalAt(pattern, close + 1)) {
                List<String> needles = new ArrayList<>();
                int score = Integer.MAX_VALUE;
                for (String alt : topLevelAlternatives(pattern.substring(i + 1, close))) {
                    String lit = longestLiteral(alt);
                    if (lit.length() < MIN) {
                        score = -1;
                        break;
                    }
                    needles.add(lit);
                    score = Math.min(score, lit.length());
                }
                if (score > bestScore) {
                    best = List.copyOf(needles);
                    bestScore = score;
                }
            }
            i = close;
        }
        return best;
    }

    /**
     * The literals every match of the pattern starts with: the literal prefix of the pattern, or of each alternative
     * of a leading group ({@code (invalid|bad|unknown) ...}). Lets a phrase be tried only where one occurs
     * ({@code lookingAt} there) instead of at every position. Empty when a match could start otherwise.
     */
    static List<String> leading(String pattern) {
        String p = pattern;
        if (p.startsWith("\\b")) {
            p = p.substring(2);
        }
        if (p.startsWith("(?<")) { // a lookbehind tests text before the start; the match still starts after it
            int close = matching(p, 0);
            if (close < 0) {
                return List.of();
            }
            p = p.substring(close + 1);
        }
        if (p.startsWith("(") && !p.startsWith("(?")) {
            int close = matching(p, 0);
            if (close < 0 || optionalAt(p, close + 1)) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (String alt : topLevelAlternatives(p.substring(1, close))) {
                String prefix = literalPrefix(alt);
                if (prefix.length() < 2) {
                    return List.of();
                }
                out.add(prefix);
            }
            return List.copyOf(out);
        }
        String prefix = literalPrefix(p);
        return prefix.length() < 2 ? List.of() : List.of(prefix);
    }

    private static String literalPrefix(String p) {
        StringBuilder run = new StringBuilder();
        int i = 0;
        while (i < p.length()) {
            char c = p.charAt(i);
            int next = i + 1;
            char literal;
            if (c == '\\') {
                if (i + 1 >= p.length() || Character.isLetterOrDigit(p.charAt(i + 1))) {
                    break;
                }
                literal = p.charAt(i + 1);
                next = i + 2;
            } else if (".^$|()[]+*?{}".indexOf(c) >= 0) {
                break;
            } else {
                literal = c;
            }
            if (optionalAt(p, next)) {
                break;
            }
            run.append(literal);
            if (next < p.length() && p.charAt(next) == '+') {
                break;
            }
            i = next;
        }
        return run.toString();
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
