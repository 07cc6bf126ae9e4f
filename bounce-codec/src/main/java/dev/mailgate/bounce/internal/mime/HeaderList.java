package dev.mailgate.bounce.internal.mime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The header fields of a message or body part, unfolded (RFC 5322 section 2.2.3), in order. Lenient: a line that is
 * not a field and not a continuation is skipped (an mbox {@code From } line, garbage), never an error.
 */
public final class HeaderList {
    private final List<String> names = new ArrayList<>();
    private final List<String> values = new ArrayList<>();
    private static final int[] NONE = new int[0];
    private NameIndex byName;

    /** Parses a header block; line ends are already LF. Lines are read by index, without a copy of each. */
    public static HeaderList parse(String block) {
        return parse(block, 0, block.length());
    }

    /**
     * Parses the header block {@code text[from, to)} in place: a part's headers need no copy of their own block. A
     * value on one line (nearly all of them) is one substring; a builder is made only for a folded one.
     */
    public static HeaderList parse(String text, int from, int to) {
        return parse(text, from, to, false);
    }

    /** @param skipBlank blank lines are passed over (they end no field), as between the blocks of {@link #parseFields} */
    private static HeaderList parse(String text, int from, int to, boolean skipBlank) {
        HeaderList h = new HeaderList();
        int pos = from;
        StringBuilder folded = null;
        String currentName = null;
        int valueStart = 0;
        int valueEnd = 0;
        while (pos < to) {
            int eol = text.indexOf('\n', pos);
            if (eol < 0 || eol > to) {
                eol = to;
            }
            int start = pos;
            pos = eol + 1;
            if (skipBlank && firstNonSpace(text, start, eol) == eol) {
                continue;
            }
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
            int colon = fieldColon(text, start, eol);
            if (colon < 0) {
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
     * The colon that ends the field name of the line {@code text[start, eol)}, or -1 when the line is not a field:
     * the name and the colon are found in one walk of the name, which never leaves the line (a separate colon search
     * and a second walk to check the name were a tenth of header parsing).
     */
    private static int fieldColon(String text, int start, int eol) {
        for (int i = start; i < eol; i++) {
            char c = text.charAt(i);
            if (c == ':') {
                return i == start ? -1 : i;
            }
            if (c <= ' ' || c > '~') {
                // a space before the colon is obsolete syntax (RFC 5322 4.5.4) that real MTAs still write
                if (c != ' ' || i == start) {
                    return -1;
                }
                for (int j = i + 1; j < eol; j++) {
                    char d = text.charAt(j);
                    if (d == ':') {
                        return j;
                    }
                    if (!Character.isWhitespace(d)) {
                        return -1;
                    }
                }
                return -1;
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

    /**
     * Fields of a text that has several blocks (an RFC 3464 status part, an RFC 5965 report): blank lines between
     * blocks are skipped, and fields come out in order.
     */
    public static HeaderList parseFields(String text) {
        // in place: a line's CR before its LF is white space to the field and to the blank test, so the text needs
        // no copy without its blank lines
        return parse(text, 0, text.length(), true);
    }

    private void add(String name, String value) {
        byName = null;
        names.add(name);
        values.add(value);
    }

    /** Up to this many fields are searched in place; an index is built for more. */
    private static final int FEW = 16;

    public Optional<String> first(String name) {
        int i = firstIndex(name);
        return i < 0 ? Optional.empty() : Optional.of(values.get(i));
    }

    /** Where the first field of a name is, or -1; no array of positions for the question asked most. */
    private int firstIndex(String name) {
        if (names.size() <= FEW) {
            for (int i = 0; i < names.size(); i++) {
                if (NameIndex.sameName(names.get(i), name)) {
                    return i;
                }
            }
            return -1;
        }
        return index().first(name);
    }

    /**
     * Where the fields of a name are, from an index built on the first look-up: the parser asks for some thirty
     * names, and walking every field for each made a mail with many header lines cost thirty times its size.
     */
    private int[] positions(String name) {
        if (names.size() <= FEW) {
            // a part's few fields: compared in place
            int[] at = NONE;
            for (int i = 0; i < names.size(); i++) {
                if (NameIndex.sameName(names.get(i), name)) {
                    at = Arrays.copyOf(at, at.length + 1);
                    at[at.length - 1] = i;
                }
            }
            return at;
        }
        return index().all(name);
    }

    private NameIndex index() {
        NameIndex index = byName;
        if (index == null) {
            index = new NameIndex(names);
            byName = index;
        }
        return index;
    }

    public String firstOrEmpty(String name) {
        int i = firstIndex(name);
        return i < 0 ? "" : values.get(i);
    }

    public List<String> all(String name) {
        List<String> out = new ArrayList<>();
        for (int i : positions(name)) {
            out.add(values.get(i));
        }
        return out;
    }

    public boolean has(String name) {
        return firstIndex(name) >= 0;
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
