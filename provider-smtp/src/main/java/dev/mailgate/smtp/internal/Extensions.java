package dev.mailgate.smtp.internal;

import dev.mailgate.core.transport.SmtpReply;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The service extensions a server announced in its EHLO reply (RFC 5321 section 4.1.1.1). */
public final class Extensions {
    private final Map<String, String> keywords;

    private Extensions(Map<String, String> keywords) {
        this.keywords = keywords;
    }

    public static Extensions none() {
        return new Extensions(Map.of());
    }

    /** Parses every line but the first (the greeting) as {@code KEYWORD [params]}. */
    public static Extensions parse(SmtpReply ehlo) {
        Map<String, String> k = new HashMap<>();
        List<String> lines = ehlo.lines();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            int space = line.indexOf(' ');
            String keyword = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
            k.put(keyword, space < 0 ? "" : line.substring(space + 1).strip());
        }
        return new Extensions(Map.copyOf(k));
    }

    public boolean has(String keyword) {
        return keywords.containsKey(keyword);
    }

    /** RFC 1870: the advertised maximum size, or 0 when none (or unlimited) was given. */
    public long maxSize() {
        String v = keywords.get("SIZE");
        if (v == null || v.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * RFC 4954: the AUTH mechanisms offered, upper case. A server may name one twice (and some do, merging
     * {@code AUTH} and the pre-standard {@code AUTH=} line), so duplicates are dropped rather than refused.
     */
    public Set<String> authMechanisms() {
        String v = keywords.get("AUTH");
        if (v == null || v.isBlank()) {
            return Set.of();
        }
        return Set.copyOf(new TreeSet<>(List.of(v.toUpperCase(Locale.ROOT).trim().split("\\s+"))));
    }

    public Set<String> keywords() {
        return keywords.keySet();
    }

    /** Keyword (upper case) to its parameters, "" when it has none. */
    public Map<String, String> asMap() {
        return keywords;
    }

    /**
     * What the server offered, for people: the keywords in order, AUTH with its mechanisms ({@code AUTH LOGIN PLAIN}),
     * since "which mechanisms" is what a failed login makes one ask.
     */
    public String describe() {
        return describe(keywords);
    }

    /** {@link #describe()} of a map as {@link #asMap()} gives it. */
    public static String describe(Map<String, String> keywords) {
        Extensions extensions = new Extensions(Map.copyOf(keywords));
        List<String> offered = new java.util.ArrayList<>();
        for (String keyword : new TreeSet<>(keywords.keySet())) {
            Set<String> mechanisms = keyword.equals("AUTH") ? extensions.authMechanisms() : Set.of();
            offered.add(mechanisms.isEmpty() ? keyword : keyword + " " + String.join(" ", new TreeSet<>(mechanisms)));
        }
        return offered.toString();
    }
}
