package dev.mailgate.bounce.internal.read;

import dev.mailgate.bounce.internal.mime.MimePart;
import java.util.ArrayList;
import java.util.List;

/** The words of a report meant for people: what the readers search for recipients, replies and explanations. */
public final class HumanText {
    private HumanText() {
    }

    /** The report's human-readable text: its text parts outside any quoted message, HTML reduced to text. */
    public static String of(MimePart root) {
        if (!root.isMultipart()) {
            return root.mediaType().equals("text/html") ? stripHtml(root.text()) : root.text();
        }
        List<String> out = new ArrayList<>();
        collectText(root, out);
        // each text followed by a line end, joined in one copy: a builder grown piece by piece copied the text
        // several times more
        out.add("");
        return String.join("\n", out);
    }

    private static void collectText(MimePart part, List<String> out) {
        for (MimePart child : part.children()) {
            if (child.isMultipart()) {
                if (child.mediaType().equals("multipart/alternative")) {
                    MimePart best = child.children().stream().filter(c -> c.mediaType().equals("text/plain")).findFirst()
                            .orElse(child.children().isEmpty() ? null : child.children().get(0));
                    if (best != null) {
                        out.add(best.mediaType().equals("text/html") ? stripHtml(best.text()) : best.text());
                    }
                } else {
                    collectText(child, out);
                }
            } else if (child.mediaType().equals("text/plain") || child.mediaType().equals("text/enriched")) {
                out.add(child.text());
            } else if (child.mediaType().equals("text/html") && out.isEmpty()) {
                out.add(stripHtml(child.text()));
            }
        }
    }

    /**
     * HTML to text for reading: tags dropped (line-ending ones become line breaks), script and style skipped. Tag
     * names are compared in place, ignoring ASCII case: a lower-cased copy of the whole page was made for the few
     * characters after each {@code <}.
     */
    private static String stripHtml(String html) {
        StringBuilder out = new StringBuilder(html.length());
        int i = 0;
        while (i < html.length()) {
            if (html.charAt(i) != '<') {
                // the text up to the next tag in one copy, not an append per character
                int tag = html.indexOf('<', i);
                int stop = tag < 0 ? html.length() : tag;
                out.append(html, i, stop);
                i = stop;
                continue;
            }
            boolean script = startsWithLower(html, i, "<script");
            if (script || startsWithLower(html, i, "<style")) {
                int close = indexOfLower(html, script ? "</script" : "</style", i);
                i = close < 0 ? html.length() : close;
            }
            int end = html.indexOf('>', i);
            if (end < 0) {
                break;
            }
            boolean lineEnd = startsWithLower(html, i, "<br") || end - i == 3 && startsWithLower(html, i, "</p")
                    || end - i == 5 && startsWithLower(html, i, "</div") || end - i == 4 && startsWithLower(html, i, "</tr");
            out.append(lineEnd ? '\n' : ' ');
            i = end + 1;
        }
        String text = out.toString();
        if (text.indexOf('&') < 0) {
            return text;
        }
        return text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
    }

    /** Whether {@code lower} (lower-case ASCII) starts at {@code at}, with the text's ASCII capitals read as small. */
    private static boolean startsWithLower(String text, int at, String lower) {
        if (at < 0 || at > text.length() - lower.length()) {
            return false;
        }
        for (int k = 0; k < lower.length(); k++) {
            char c = text.charAt(at + k);
            char n = lower.charAt(k);
            if (c != n && !(c >= 'A' && c <= 'Z' && c + ('a' - 'A') == n)) {
                return false;
            }
        }
        return true;
    }

    /** The first {@code lower} at or after {@code from}, as {@link #startsWithLower} reads it; it starts with '<'. */
    private static int indexOfLower(String text, String lower, int from) {
        for (int at = text.indexOf('<', from); at >= 0; at = text.indexOf('<', at + 1)) {
            if (startsWithLower(text, at, lower)) {
                return at;
            }
        }
        return -1;
    }
}
