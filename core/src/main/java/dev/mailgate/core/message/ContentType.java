package dev.mailgate.core.message;

import dev.mailgate.core.internal.Rfc5322;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A MIME media type with its parameters, such as {@code text/plain; charset=UTF-8} (RFC 2045 section 5.1), parsed
 * once into type, subtype and decoded parameter values. The writer renders it itself, quoting and folding each
 * parameter (RFC 2231 for values that are not ASCII or too long), so nothing of the text it was parsed from reaches
 * the wire as is: a CR, LF or NUL cannot end a part header early.
 *
 * <p>Type, subtype and parameter names are case-insensitive (RFC 2045 section 5.1) and kept in lower case;
 * parameter values keep their case. Parameters keep their order.
 */
public final class ContentType {
    /** RFC 6838 section 4.2: type and subtype names are at most 127 characters. */
    private static final int MAX_NAME = 127;
    /** A parameter name and its RFC 2231 section suffix must fit a folded line with room for the value. */
    private static final int MAX_ATTRIBUTE = 64;
    private static final int MAX_SECTIONS = 1000;

    private final String type;
    private final String subtype;
    private final Map<String, String> parameters;

    private ContentType(String type, String subtype, Map<String, String> parameters) {
        this.type = type;
        this.subtype = subtype;
        this.parameters = parameters;
    }

    /**
     * Parses {@code type "/" subtype *(";" attribute "=" (token / quoted-string))} (RFC 2045 section 5.1), with
     * white space and comments between the tokens (RFC 822 section 3.1.4) and RFC 2231 extended and continued
     * values ({@code title*=UTF-8''%E2%82%AC}, {@code name*0=...; name*1=...}), which are decoded. A quoted value may
     * hold non-ASCII text, which the writer sends per RFC 2231. A trailing ';' is tolerated.
     *
     * @throws InvalidHeaderException naming the field {@code content type} and the position of the problem: a
     *     control character (CR, LF, NUL, ...) anywhere, a character that is not allowed in a token, a missing '/'
     *     or '=', an unclosed quoted-string or comment, a parameter given twice, a broken RFC 2231 value
     */
    public static ContentType parse(String text) {
        return new Parser(text).parse();
    }

    /** The top-level type in lower case, e.g. {@code text}. */
    public String type() {
        return type;
    }

    /** The subtype in lower case, e.g. {@code plain}. */
    public String subtype() {
        return subtype;
    }

    /** {@code type/subtype}, without parameters. */
    public String mimeType() {
        return type + "/" + subtype;
    }

    /** The parameters: lower-case names to decoded values, in the order given. */
    public Map<String, String> parameters() {
        return parameters;
    }

    /** The decoded value of a parameter, by case-insensitive name. */
    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name.toLowerCase(Locale.ROOT)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ContentType c && type.equals(c.type) && subtype.equals(c.subtype) && parameters.equals(c.parameters);
    }

    @Override
    public int hashCode() {
        return (type.hashCode() * 31 + subtype.hashCode()) * 31 + parameters.hashCode();
    }

    /**
     * For people and logs: {@code type/subtype; name="value"}, with control characters escaped. Not the wire form,
     * which the writer folds and encodes.
     */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(mimeType());
        parameters.forEach((k, v) -> b.append("; ").append(k).append('=').append(Rfc5322.printable(v)));
        return b.toString();
    }

    /** RFC 2045 section 5.1: token := 1*&lt;any (US-ASCII) CHAR except SPACE, CTLs, or tspecials&gt;. */
    static boolean isTokenChar(char c) {
        return c > 32 && c < 127 && "()<>@,;:\\\"/[]?=".indexOf(c) < 0;
    }

    /** A recursive-descent parser over one content-type value; positions in errors are indexes into it. */
    private static final class Parser {
        private final String in;
        private int pos;

        Parser(String in) {
            this.in = java.util.Objects.requireNonNull(in, "content type");
        }

        ContentType parse() {
            int bad = Rfc5322.forbiddenCharAt(in);
            if (bad >= 0) {
                throw error(bad, Rfc5322.forbiddenCharProblem(in, bad));
            }
            skipCfws();
            String type = name("type");
            skipCfws();
            expect('/', "'/' between type and subtype");
            skipCfws();
            String subtype = name("subtype");
            List<Raw> raw = new ArrayList<>();
            while (true) {
                skipCfws();
                if (pos == in.length()) {
                    break;
                }
                expect(';', "';' before the next parameter");
                skipCfws();
                if (pos == in.length()) {
                    break;
                }
                int start = pos;
                String attribute = token("parameter name").toLowerCase(Locale.ROOT);
                skipCfws();
                expect('=', "'=' after parameter name " + attribute);
                skipCfws();
                boolean quoted = pos < in.length() && in.charAt(pos) == '"';
                String value = quoted ? quotedString() : token("value of parameter " + attribute);
                raw.add(new Raw(attribute, value, start));
            }
            return new ContentType(type, subtype, Collections.unmodifiableMap(decode(raw)));
        }

        private String name(String what) {
            int start = pos;
            String t = token(what);
            if (t.length() > MAX_NAME) {
                throw error(start, "the " + what + " is " + t.length() + " characters; at most " + MAX_NAME + " are allowed (RFC 6838 section 4.2)");
            }
            return t.toLowerCase(Locale.ROOT);
        }

        private String token(String what) {
            int start = pos;
            while (pos < in.length() && isTokenChar(in.charAt(pos))) {
                pos++;
            }
            if (pos == start) {
                throw error(pos, pos == in.length() ? "missing " + what
                        : "expected " + what + " but found " + describe(pos) + ", which is not a token character (RFC 2045 section 5.1)");
            }
            return in.substring(start, pos);
        }

        /** quoted-string (RFC 822 section 3.3): any character but '"' and '\', which are escaped with '\'. */
        private String quotedString() {
            int start = pos++;
            StringBuilder b = new StringBuilder();
            while (pos < in.length()) {
                char c = in.charAt(pos++);
                if (c == '"') {
                    return b.toString();
                }
                if (c == '\\') {
                    if (pos == in.length()) {
                        break;
                    }
                    c = in.charAt(pos++);
                }
                b.append(c);
            }
            throw error(start, "quoted-string is not closed");
        }

        /** White space and (nested) comments between tokens (RFC 822 section 3.1.4); comments carry no meaning. */
        private void skipCfws() {
            while (pos < in.length()) {
                char c = in.charAt(pos);
                if (c == ' ' || c == '\t') {
                    pos++;
                } else if (c == '(') {
                    int start = pos++;
                    int depth = 1;
                    while (depth > 0) {
                        if (pos == in.length()) {
                            throw error(start, "comment is not closed");
                        }
                        char d = in.charAt(pos++);
                        if (d == '\\' && pos < in.length()) {
                            pos++;
                        } else if (d == '(') {
                            depth++;
                        } else if (d == ')') {
                            depth--;
                        }
                    }
                } else {
                    return;
                }
            }
        }

        private void expect(char c, String what) {
            if (pos == in.length() || in.charAt(pos) != c) {
                throw error(pos, "expected " + what + " but found " + (pos == in.length() ? "the end" : describe(pos)));
            }
            pos++;
        }

        /**
         * Joins RFC 2231 continuations ({@code name*0}, {@code name*1*}, ...) and decodes extended values
         * ({@code charset'language'percent-encoded}); the language tag is dropped (it has no effect on the value).
         */
        private Map<String, String> decode(List<Raw> raw) {
            Map<String, String> out = new LinkedHashMap<>();
            Map<String, TreeMap<Integer, Raw>> continued = new LinkedHashMap<>();
            Map<String, Integer> firstAt = new java.util.HashMap<>();
            for (Raw p : raw) {
                String attr = p.attribute;
                int star = attr.indexOf('*');
                String name = star < 0 ? attr : attr.substring(0, star);
                if (name.isEmpty() || name.length() > MAX_ATTRIBUTE) {
                    throw error(p.position, name.isEmpty() ? "parameter name is empty"
                            : "parameter name is " + name.length() + " characters; at most " + MAX_ATTRIBUTE + " are allowed");
                }
                String suffix = star < 0 ? "" : attr.substring(star);
                Integer earlier = firstAt.putIfAbsent(name, p.position);
                if (suffix.isEmpty() || suffix.equals("*")) {
                    if (earlier != null) {
                        throw error(p.position, "parameter " + name + " is given twice (also at position " + earlier + ")");
                    }
                    out.put(name, suffix.isEmpty() ? p.value : extended(p, p.value));
                    continue;
                }
                // name*N or name*N*: a section of a continued value (RFC 2231 section 3).
                boolean encoded = suffix.endsWith("*") && suffix.length() > 2;
                String digits = suffix.substring(1, encoded ? suffix.length() - 1 : suffix.length());
                if (!digits.matches("0|[1-9][0-9]{0,3}")) {
                    throw error(p.position, "parameter " + attr + " is neither name, name* nor a section name*N / name*N* (RFC 2231 section 3)");
                }
                if (earlier != null && !continued.containsKey(name)) {
                    throw error(p.position, "parameter " + name + " is given twice (also at position " + earlier + ")");
                }
                TreeMap<Integer, Raw> sections = continued.computeIfAbsent(name, k -> new TreeMap<>());
                if (sections.put(Integer.parseInt(digits), new Raw(encoded ? "*" : "", p.value, p.position)) != null) {
                    throw error(p.position, "section " + digits + " of parameter " + name + " is given twice");
                }
                if (sections.size() > MAX_SECTIONS) {
                    throw error(p.position, "parameter " + name + " has more than " + MAX_SECTIONS + " sections");
                }
                out.put(name, null); // keeps the parameter's place in the order
            }
            continued.forEach((name, sections) -> out.put(name, joinSections(name, sections)));
            out.forEach((name, value) -> {
                int bad = Rfc5322.forbiddenCharAt(value);
                if (bad >= 0) {
                    throw error(firstAt.get(name), "the value of parameter " + name + " decodes to text with a "
                            + Rfc5322.forbiddenCharProblem(value, bad) + " at its position " + bad);
                }
            });
            return out;
        }

        private String joinSections(String name, TreeMap<Integer, Raw> sections) {
            if (sections.lastKey() != sections.size() - 1) {
                Raw first = sections.firstEntry().getValue();
                throw error(first.position, "the sections of parameter " + name + " are not numbered 0, 1, 2, ... without gaps (RFC 2231 section 3)");
            }
            Raw first = sections.get(0);
            Charset charset = null;
            StringBuilder value = new StringBuilder();
            java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();
            for (Raw section : sections.values()) {
                boolean encoded = section.attribute.equals("*");
                String text = section.value;
                if (encoded && section == first) {
                    int q1 = text.indexOf('\'');
                    int q2 = q1 < 0 ? -1 : text.indexOf('\'', q1 + 1);
                    if (q2 < 0) {
                        throw error(section.position, "the first section of parameter " + name + " must start with charset'language' (RFC 2231 section 4)");
                    }
                    charset = charset(text.substring(0, q1), section);
                    text = text.substring(q2 + 1);
                }
                if (encoded) {
                    if (charset == null) {
                        throw error(section.position, "an encoded section of parameter " + name + " needs a charset in section 0 (RFC 2231 section 4.1)");
                    }
                    percentDecode(text, pending, section);
                } else {
                    flush(pending, charset, value, section);
                    value.append(text);
                }
            }
            flush(pending, charset, value, first);
            return value.toString();
        }

        /** {@code charset'language'percent-encoded} (RFC 2231 section 4). */
        private String extended(Raw p, String text) {
            int q1 = text.indexOf('\'');
            int q2 = q1 < 0 ? -1 : text.indexOf('\'', q1 + 1);
            if (q2 < 0) {
                throw error(p.position, "an extended value (" + p.attribute + ") must have the form charset'language'value (RFC 2231 section 4)");
            }
            Charset charset = charset(text.substring(0, q1), p);
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            percentDecode(text.substring(q2 + 1), bytes, p);
            StringBuilder value = new StringBuilder();
            flush(bytes, charset, value, p);
            return value.toString();
        }

        private Charset charset(String name, Raw p) {
            try {
                return Charset.forName(name.isEmpty() ? "US-ASCII" : name);
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                throw error(p.position, "charset " + Rfc5322.printable(name) + " of parameter " + p.attribute + " is not supported");
            }
        }

        private void percentDecode(String text, java.io.ByteArrayOutputStream out, Raw p) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '%') {
                    int hi = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
                    int lo = hi < 0 ? -1 : Character.digit(text.charAt(i + 2), 16);
                    if (lo < 0) {
                        throw error(p.position, "parameter " + p.attribute + " has a '%' not followed by two hex digits (RFC 2231 section 7)");
                    }
                    out.write(hi * 16 + lo);
                    i += 2;
                } else if (c < 0x80) {
                    out.write(c);
                } else {
                    throw error(p.position, "an encoded value of parameter " + p.attribute + " holds non-ASCII character "
                            + describe(c) + "; it must be percent-encoded (RFC 2231 section 7)");
                }
            }
        }

        private void flush(java.io.ByteArrayOutputStream bytes, Charset charset, StringBuilder value, Raw p) {
            if (bytes.size() == 0) {
                return;
            }
            try {
                CharBuffer decoded = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()));
                value.append(decoded);
            } catch (CharacterCodingException e) {
                throw error(p.position, "the value of parameter " + p.attribute + " is not valid " + charset.name());
            }
            bytes.reset();
        }

        private String describe(int index) {
            return describe(in.charAt(index));
        }

        private static String describe(char c) {
            return c >= 0x21 && c < 0x7F ? "'" + c + "'" : String.format("U+%04X", (int) c);
        }

        private InvalidHeaderException error(int position, String problem) {
            return new InvalidHeaderException("content type " + Rfc5322.printable(in), problem, position);
        }
    }

    /** A parameter as written, before RFC 2231 sections are joined. */
    private record Raw(String attribute, String value, int position) {
    }
}
