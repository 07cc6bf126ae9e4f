package dev.mailgate.core.address;

import dev.mailgate.core.internal.Rfc5322;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A recursive-descent parser for the RFC 5322 section 3.4 mailbox grammar, extended with UTF-8 per RFC 6532. */
final class AddressParser {
    /** RFC 5321 section 4.5.3.1.1: 64 octets of local part. */
    private static final int MAX_LOCAL_PART_OCTETS = 64;
    /** RFC 5321 section 4.5.3.1.3 (path of 256 octets including the angle brackets). */
    private static final int MAX_ADDRESS_OCTETS = 254;
    private static final int MAX_DOMAIN_OCTETS = 253;

    private final String in;
    private int pos;

    AddressParser(String in) {
        this.in = in;
    }

    EmailAddress parseMailbox() {
        rejectControls(in);
        skipWhitespace();
        EmailAddress address = mailbox();
        skipWhitespace();
        if (pos < in.length()) {
            throw error(in.charAt(pos) == ',' ? "a list of addresses where one was expected" : "unexpected " + describe(pos));
        }
        return address;
    }

    List<EmailAddress> parseMailboxList() {
        rejectControls(in);
        List<EmailAddress> result = new ArrayList<>();
        skipWhitespace();
        if (pos == in.length()) {
            throw error("empty address list");
        }
        while (true) {
            result.add(mailbox());
            skipWhitespace();
            if (pos == in.length()) {
                return List.copyOf(result);
            }
            if (in.charAt(pos) != ',') {
                throw error("expected ',' between addresses but found " + describe(pos));
            }
            pos++;
            skipWhitespace();
        }
    }

    EmailAddress parseAddrSpecOnly() {
        rejectControls(in);
        skipWhitespace();
        EmailAddress address = addrSpec(null);
        skipWhitespace();
        if (pos < in.length()) {
            throw error("unexpected " + describe(pos) + " after the address");
        }
        return address;
    }

    /** mailbox = name-addr / addr-spec (RFC 5322 section 3.4). */
    private EmailAddress mailbox() {
        int start = pos;
        String displayName = tryPhraseBeforeAngle();
        if (displayName == null) {
            pos = start;
            if (pos < in.length() && in.charAt(pos) == '<') {
                return angleAddr(null);
            }
            return addrSpec(null);
        }
        return angleAddr(displayName.isEmpty() ? null : displayName);
    }

    /**
     * Reads a display-name phrase if, and only if, it is followed by {@code <}. Returns null when the text is not a
     * name-addr (so that the caller re-reads it as an addr-spec).
     */
    private String tryPhraseBeforeAngle() {
        StringBuilder name = new StringBuilder();
        boolean pendingSpace = false;
        while (pos < in.length()) {
            char c = in.charAt(pos);
            if (c == '<') {
                return name.toString();
            } else if (c == ' ' || c == '\t') {
                pendingSpace = name.length() > 0;
                pos++;
            } else if (c == '"') {
                if (pendingSpace) {
                    name.append(' ');
                }
                name.append(quotedStringContent());
                pendingSpace = false;
            } else if (Rfc5322.isAtext(c) || c == '.' || Character.isSurrogate(c)) {
                // obs-phrase (RFC 5322 section 4.1) allows "." in display names, as in "J. Smith <j@x>".
                if (pendingSpace) {
                    name.append(' ');
                }
                int begin = pos;
                while (pos < in.length() && (Rfc5322.isAtext(in.charAt(pos)) || in.charAt(pos) == '.' || Character.isSurrogate(in.charAt(pos)))) {
                    pos++;
                }
                name.append(in, begin, pos);
                pendingSpace = false;
            } else if (c == '(') {
                throw error("comments are not supported in addresses");
            } else {
                return null;
            }
        }
        return null;
    }

    private EmailAddress angleAddr(String displayName) {
        expect('<');
        EmailAddress address = addrSpec(displayName);
        if (pos >= in.length() || in.charAt(pos) != '>') {
            throw error(pos >= in.length() ? "missing '>' at the end of the address" : "expected '>' but found " + describe(pos));
        }
        pos++;
        return address;
    }

    /** addr-spec = local-part "@" domain. */
    private EmailAddress addrSpec(String displayName) {
        int localStart = pos;
        String local;
        if (pos < in.length() && in.charAt(pos) == '"') {
            quotedStringContent();
            local = in.substring(localStart, pos);
        } else {
            local = dotAtom("local part");
        }
        if (utf8Length(local) > MAX_LOCAL_PART_OCTETS) {
            throw new InvalidAddressException(in, localStart,
                    "local part is " + utf8Length(local) + " octets, RFC 5321 allows " + MAX_LOCAL_PART_OCTETS);
        }
        if (pos >= in.length() || in.charAt(pos) != '@') {
            throw error(pos >= in.length() ? "missing '@' and domain" : "expected '@' but found " + describe(pos));
        }
        pos++;
        int domainStart = pos;
        String domain;
        String ascii;
        if (pos < in.length() && in.charAt(pos) == '[') {
            domain = domainLiteral();
            ascii = domain;
        } else {
            domain = dotAtom("domain");
            ascii = toAsciiDomain(domain, domainStart);
        }
        int total = utf8Length(local) + 1 + utf8Length(domain);
        if (total > MAX_ADDRESS_OCTETS) {
            throw new InvalidAddressException(in, localStart,
                    "address is " + total + " octets, RFC 5321 allows " + MAX_ADDRESS_OCTETS);
        }
        return new EmailAddress(displayName, local, domain, ascii);
    }

    private String dotAtom(String what) {
        int start = pos;
        while (true) {
            int atomStart = pos;
            while (pos < in.length() && (Rfc5322.isAtext(in.charAt(pos)) || Character.isSurrogate(in.charAt(pos)))) {
                pos++;
            }
            if (pos == atomStart) {
                if (pos == start) {
                    throw error(pos >= in.length() ? "missing " + what : "empty " + what + " or illegal " + describe(pos));
                }
                throw error("empty label in " + what + " (two dots in a row or a dot at the end)");
            }
            if (pos < in.length() && in.charAt(pos) == '.') {
                pos++;
                continue;
            }
            return in.substring(start, pos);
        }
    }

    /** Returns the unescaped content of a quoted-string starting at {@code pos} and moves past its closing quote. */
    private String quotedStringContent() {
        expect('"');
        StringBuilder content = new StringBuilder();
        while (pos < in.length()) {
            char c = in.charAt(pos);
            if (c == '"') {
                pos++;
                return content.toString();
            }
            if (c == '\\') {
                if (pos + 1 >= in.length()) {
                    break;
                }
                content.append(in.charAt(pos + 1));
                pos += 2;
                continue;
            }
            content.append(c);
            pos++;
        }
        throw error("unterminated quoted string");
    }

    /** domain-literal: an IPv4 address or a tagged literal such as IPv6 (RFC 5321 section 4.1.3). */
    private String domainLiteral() {
        int start = pos;
        int close = in.indexOf(']', pos);
        if (close < 0) {
            throw error("unterminated domain literal");
        }
        String body = in.substring(pos + 1, close);
        if (body.regionMatches(true, 0, "IPv6:", 0, 5)) {
            String v6 = body.substring(5);
            if (v6.isEmpty() || !v6.chars().allMatch(ch -> Character.digit(ch, 16) >= 0 || ch == ':' || ch == '.')) {
                throw new InvalidAddressException(in, start + 1, "malformed IPv6 domain literal");
            }
        } else if (!isIpv4(body)) {
            throw new InvalidAddressException(in, start + 1, "domain literal is not an IPv4 address or IPv6: literal");
        }
        pos = close + 1;
        return in.substring(start, pos);
    }

    private String toAsciiDomain(String domain, int at) {
        // Plain ASCII host names are what IDNA would return unchanged (but for case); checking them here is cheaper.
        String ascii = isLdhDomain(domain) ? domain : idnToAscii(domain, at);
        if (ascii.length() > MAX_DOMAIN_OCTETS) {
            throw new InvalidAddressException(in, at, "domain is " + ascii.length() + " octets, DNS allows " + MAX_DOMAIN_OCTETS);
        }
        return ascii;
    }

    private String idnToAscii(String domain, int at) {
        try {
            // IDNA2008 / UTS #46, not java.net.IDN's IDNA2003: faß.de must not become fass.de (see Idna)
            return Idna.toAscii(domain);
        } catch (IllegalArgumentException e) {
            throw new InvalidAddressException(in, at, "domain is " + e.getMessage());
        }
    }

    /**
     * Whether the domain is ASCII letters, digits and hyphens in dot-separated labels of 1 to 63 characters that
     * neither start nor end with a hyphen (RFC 1123 section 2.1, the STD3 rules). Throws for an ASCII domain that
     * breaks them; returns false for a non-ASCII domain, which {@link Idna} converts and checks.
     */
    private boolean isLdhDomain(String domain) {
        int labelStart = 0;
        for (int i = 0; i <= domain.length(); i++) {
            char c = i < domain.length() ? domain.charAt(i) : '.';
            if (c >= 0x80) {
                return false;
            }
            if (c == '.') {
                int length = i - labelStart;
                if (length > 63) {
                    throw new InvalidAddressException(in, pos - domain.length() + labelStart, "domain label is " + length + " characters; DNS allows 63");
                }
                if (domain.charAt(labelStart) == '-' || domain.charAt(i - 1) == '-') {
                    throw new InvalidAddressException(in, pos - domain.length() + labelStart, "domain label starts or ends with a hyphen");
                }
                labelStart = i + 1;
            } else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) {
                throw new InvalidAddressException(in, pos - domain.length() + i, "character '" + c + "' is not allowed in a host name");
            }
        }
        return true;
    }

    private static boolean isIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    /** Rejects the characters {@link Rfc5322#forbiddenCharAt} names, with their position. */
    static void rejectControls(String s) {
        int bad = Rfc5322.forbiddenCharAt(s);
        if (bad >= 0) {
            throw new InvalidAddressException(s, bad, Rfc5322.forbiddenCharProblem(s, bad));
        }
    }

    static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** A display name as a human-readable RFC 5322 phrase: atoms as they are, anything else quoted. */
    static String phraseForDisplay(String name) {
        boolean plain = true;
        for (int i = 0; i < name.length() && plain; i++) {
            char c = name.charAt(i);
            plain = Rfc5322.isAtext(c) || (c == ' ' && i > 0 && i < name.length() - 1 && name.charAt(i - 1) != ' ');
        }
        if (plain) {
            return name;
        }
        return Rfc5322.quotedString(name);
    }

    private static int utf8Length(String s) {
        return isAscii(s) ? s.length() : s.getBytes(StandardCharsets.UTF_8).length;
    }

    private void skipWhitespace() {
        while (pos < in.length() && (in.charAt(pos) == ' ' || in.charAt(pos) == '\t')) {
            pos++;
        }
    }

    private void expect(char c) {
        if (pos >= in.length() || in.charAt(pos) != c) {
            throw error("expected '" + c + "' but found " + describe(pos));
        }
        pos++;
    }

    private String describe(int at) {
        if (at >= in.length()) {
            return "the end of the input";
        }
        char c = in.charAt(at);
        return c > 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    private InvalidAddressException error(String problem) {
        return new InvalidAddressException(in, Math.min(pos, in.length()), problem);
    }
}
