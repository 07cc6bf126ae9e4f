package dev.mailgate.core.internal;

import dev.mailgate.core.message.Header;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The header section of a rendered message, split into unfolded fields (RFC 5322 section 2.2.3). Lenient: it is
 * used to inspect bytes, and the rules that check syntax look at the bytes themselves.
 *
 * @param headers the fields in order, values unfolded and stripped of surrounding white space
 * @param bodyOffset the index of the first body byte (after the empty line), or the length if there is no body
 */
public record HeaderBlock(List<Header> headers, int bodyOffset) {

    public static HeaderBlock parse(byte[] message) {
        List<Header> headers = new ArrayList<>();
        int pos = 0;
        int n = message.length;
        StringBuilder current = null;
        String currentName = null;
        while (pos < n) {
            int end = pos;
            while (end < n && message[end] != '\n') {
                end++;
            }
            int lineEnd = end > pos && message[end - 1] == '\r' ? end - 1 : end;
            int next = Math.min(end + 1, n);
            if (lineEnd == pos) {
                pos = next;
                break;
            }
            String line = new String(message, pos, lineEnd - pos, StandardCharsets.UTF_8);
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && current != null) {
                current.append(line);
            } else {
                if (currentName != null) {
                    headers.add(new Header(currentName, current.toString().strip()));
                }
                int colon = line.indexOf(':');
                currentName = colon > 0 ? line.substring(0, colon).strip() : line;
                current = new StringBuilder(colon > 0 ? line.substring(colon + 1) : "");
            }
            pos = next;
        }
        if (currentName != null) {
            headers.add(new Header(currentName, current.toString().strip()));
        }
        return new HeaderBlock(List.copyOf(headers), pos);
    }

    /** Every value of the fields with this name, case-insensitive. */
    public List<String> values(String name) {
        List<String> values = new ArrayList<>();
        for (Header h : headers) {
            if (h.hasName(name)) {
                values.add(h.value());
            }
        }
        return values;
    }
}
