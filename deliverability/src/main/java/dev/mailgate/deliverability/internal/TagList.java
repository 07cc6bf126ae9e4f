package dev.mailgate.deliverability.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** The tag=value lists of DKIM key records (RFC 6376 section 3.2) and DMARC records (RFC 7489 section 6.4). */
public final class TagList {
    private static final Pattern TAG = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    private TagList() {
    }

    /**
     * The tags in order, names lower-cased, values trimmed.
     *
     * @throws IllegalArgumentException naming the bad tag: a missing "=", an invalid name or a duplicate
     */
    public static Map<String, String> parse(String record) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String part : record.split(";")) {
            String t = part.strip();
            if (t.isEmpty()) {
                continue;
            }
            int eq = t.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("\"" + t + "\" has no \"=\"");
            }
            String name = t.substring(0, eq).strip();
            if (!TAG.matcher(name).matches()) {
                throw new IllegalArgumentException("\"" + name + "\" is not a tag name");
            }
            if (tags.putIfAbsent(name.toLowerCase(Locale.ROOT), t.substring(eq + 1).strip()) != null) {
                throw new IllegalArgumentException("tag " + name + " appears twice");
            }
        }
        return tags;
    }
}
