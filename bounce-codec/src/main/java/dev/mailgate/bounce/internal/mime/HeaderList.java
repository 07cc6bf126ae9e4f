package dev.mailgate.bounce.internal.mime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The header fields of a message or body part, unfolded (RFC 5322 section 2.2.3), in order. Lenient: a line that is
 * not a field and not a continuation is skipped (an mbox {@code From } line, garbage), never an error.
 */
public final class HeaderList {
    private final List<String> names = new ArrayList<>();
    private final List<String> values = new ArrayList<>();
    private static final int[] NONE = new int[0];
    private Map<String, int[]> byName;

    /** Parses a header block; line ends are already LF. Lines are read by index, without a copy of each. */
    public static HeaderList parse(String block) {
        return parse(block, 0, block.length());
    }

    /**
     * Parses the header block {@code text[from, to)} in place: a part's headers need no copy of their own block. A
     * value on one line (nearly all of them) is one substring; a builder is made only for a folded one.
     */
    public static HeaderList parse(String text, int from, int to) {
        HeaderList h = new HeaderList();
        int pos = from;
        StringBuilder folded = null;
        String currentName = null;
        int valueStart = 0;
        int valueEnd = 0;
        // the first colon at or after the line's start (-2 not searched yet, -1 none): one found further on serves
        // every line before it, so the search no longer runs on to the next colon again for each line that has none
        int nextColon = -2;
        while (pos < to) {
            int eol = text.indexOf('\n', pos);
            if (eol < 0 || eol > to) {
                eol = to;
            }
            int start = pos;
            pos = eol + 1;
            if (start < eol && (text.charAt(start) == ' ' || text.charAt(start) == '\t')) {
                if (currentName != null) {
                    if (folded == null) {
                        folded = new StringBuilder(valueEnd - valueStart + (eol - start) + 16).append(text, valueStart, valueEnd);
                    }
                    folded.append(' ');
                    appendStripped(folded, text, start, eol);
                }
                continue;
            }
            if (currentName != null) {
                h.add(currentName, folded != null ? folded.toString() : text.substring(valueStart, valueEnd));
            }
            currentName = null;
            folded = null;
            if (nextColon == -2 || nextColon >= 0 && nextColon < start) {
                nextColon = colonBefore(text, start, to);
            }
            int colon = nextColon;
            if (colon < 0 || colon >= eol || colon == start || !isFieldName(text, start, colon)) {
                continue;
            }
            currentName = stripped(text, start, colon);
            valueStart = firstNonSpace(text, colon + 1, eol);
            valueEnd = endOfNonSpace(text, valueStart, eol);
        }
        if (currentName != null) {
            h.add(currentName, folded != null ? folded.toString() : text.substring(valueStart, valueEnd));
        }
        return h;
    }

    /** {@code text.substring(from, to).strip()}, without the intermediate copy. */
    private static String stripped(String text, int from, int to) {
        int a = firstNonSpace(text, from, to);
        return text.substring(a, endOfNonSpace(text, a, to));
    }

    private static void appendStripped(StringBuilder out, String text, int from, int to) {
        int a = firstNonSpace(text, from, to);
        out.append(text, a, endOfNonSpace(text, a, to));
    }

    /**
     * The first colon in {@code text[from, to)}, or -1: never searched past the block, where a part's body (and the
     * parts after it) may have none for a long way, once for every part.
     */
    private static int colonBefore(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == ':') {
                return i;
            }
        }
        return -1;
    }

    private static int firstNonSpace(String text, int from, int to) {
        int a = from;
        while (a < to && Character.isWhitespace(text.charAt(a))) {
            a++;
        }
        return a;
    }

    private static int endOfNonSpace(String text, int from, int to) {
        int b = to;
        while (b > from && Character.isWhitespace(text.charAt(b - 1))) {
            b--;
        }
        return b;
    }

    private static boolean isFieldName(String line, int start, int colon) {
        for (int i = start; i < colon; i++) {
            char c = line.charAt(i);
            if (c <= ' ' || c > '~') {
                // a space before the colon is obsolete syntax (RFC 5322 4.5.4) that real MTAs still write
                return c == ' ' && line.substring(i, colon).isBlank() && i > start;
            }
        }
        return true;
    }

    /**
     * Fields of a text that has several blocks (an RFC 3464 status part, an RFC 5965 report): blank lines between
     * blocks are skipped, and fields come out in order.
     */
    public static HeaderList parseFields(String text) {
        StringBuilder joined = new StringBuilder(text.length());
        int pos = 0;
        while (pos < text.length()) {
            int eol = text.indexOf('\n', pos);
            int end = eol < 0 ? text.length() : eol;
            int stop = end > pos && text.charAt(end - 1) == '\r' ? end - 1 : end;
            if (!text.substring(pos, stop).isBlank()) {
                joined.append(text, pos, stop).append('\n');
            }
            pos = end + 1;
        }
        return parse(joined.toString());
    }

    private void add(String name, String value) {
        byName = null;
        names.add(name);
        values.add(value);
    }

    /** Up to this many fields are searched in place; an index is built for more. */
    private static final int FEW = 16;

    public Optional<String> first(String name) {
        int[] at = positions(name);
        return at.length == 0 ? Optional.empty() : Optional.of(values.get(at[0]));
    }

    /**
     * Where the fields of a name are, from an index built on the first look-up: the parser asks for some thirty
     * names, and walking every field for each made a mail with many header lines cost thirty times its size.
     */
    private int[] positions(String name) {
        if (names.size() <= FEW) {
            // a part's few fields: compared in place (names are ASCII, where this equals comparing lower case)
            int[] at = NONE;
            int length = name.length();
            int first = length == 0 ? 0 : name.charAt(0) | 0x20;
            for (int i = 0; i < names.size(); i++) {
                String n = names.get(i);
                // length and first letter (ASCII case bit folded) before the full comparison
                if (n.length() == length && (length == 0 || (n.charAt(0) | 0x20) == first) && n.equalsIgnoreCase(name)) {
                    at = Arrays.copyOf(at, at.length + 1);
                    at[at.length - 1] = i;
                }
            }
            return at;
        }
        Map<String, int[]> index = byName;
        if (index == null) {
            index = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                index.merge(names.get(i).toLowerCase(Locale.ROOT), new int[] {i}, HeaderList::concat);
            }
            byName = index;
        }
        return index.getOrDefault(name.toLowerCase(Locale.ROOT), NONE);
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    public String firstOrEmpty(String name) {
        return first(name).orElse("");
    }

    public List<String> all(String name) {
        List<String> out = new ArrayList<>();
        for (int i : positions(name)) {
            out.add(values.get(i));
        }
        return out;
    }

    public boolean has(String name) {
        return first(name).isPresent();
    }

    public int size() {
        return names.size();
    }

    public String name(int i) {
        return names.get(i);
    }

    public String value(int i) {
        return values.get(i);
    }

    /** The value's media type in lower case ({@code text/plain}), without parameters. */
    public static String mediaType(String contentType) {
        String v = contentType.strip();
        int end = 0;
        while (end < v.length() && v.charAt(end) != ';' && !Character.isWhitespace(v.charAt(end))) {
            end++;
        }
        return v.substring(0, end).toLowerCase(Locale.ROOT);
    }

    /** A parameter of a structured value such as Content-Type, unquoted; lenient about spacing and case. */
    public static Optional<String> parameter(String value, String param) {
        String lower = value.toLowerCase(Locale.ROOT);
        String key = param.toLowerCase(Locale.ROOT);
        int from = 0;
        while (true) {
            int i = lower.indexOf(key, from);
            if (i < 0) {
                return Optional.empty();
            }
            from = i + key.length();
            boolean startsParam = i == 0 || lower.charAt(i - 1) == ';' || Character.isWhitespace(lower.charAt(i - 1));
            int j = from;
            while (j < lower.length() && lower.charAt(j) == ' ') {
                j++;
            }
            if (!startsParam || j >= lower.length() || lower.charAt(j) != '=') {
                continue;
            }
            j++;
            while (j < value.length() && value.charAt(j) == ' ') {
                j++;
            }
            if (j < value.length() && value.charAt(j) == '"') {
                int end = value.indexOf('"', j + 1);
                return Optional.of(end < 0 ? value.substring(j + 1) : value.substring(j + 1, end));
            }
            int end = j;
            while (end < value.length() && value.charAt(end) != ';' && !Character.isWhitespace(value.charAt(end))) {
                end++;
            }
            return Optional.of(value.substring(j, end));
        }
    }
}
