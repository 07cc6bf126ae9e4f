package dev.mailgate.bounce.internal.read;

import dev.mailgate.bounce.internal.mime.MimePart;
import java.util.Locale;

/** The words of a report meant for people: what the readers search for recipients, replies and explanations. */
public final class HumanText {
    private HumanText() {
    }

    /** The report's human-readable text: its text parts outside any quoted message, HTML reduced to text. */
    public static String of(MimePart root) {
        if (!root.isMultipart()) {
            return root.mediaType().equals("text/html") ? stripHtml(root.text()) : root.text();
        }
        StringBuilder out = new StringBuilder();
        collectText(root, out);
        return out.toString();
    }

    private static void collectText(MimePart part, StringBuilder out) {
        for (MimePart child : part.children()) {
            if (child.isMultipart()) {
                if (child.mediaType().equals("multipart/alternative")) {
                    MimePart best = child.children().stream().filter(c -> c.mediaType().equals("text/plain")).findFirst()
                            .orElse(child.children().isEmpty() ? null : child.children().get(0));
                    if (best != null) {
                        out.append(best.mediaType().equals("text/html") ? stripHtml(best.text()) : best.text()).append('\n');
                    }
                } else {
                    collectText(child, out);
                }
            } else if (child.mediaType().equals("text/plain") || child.mediaType().equals("text/enriched")) {
                out.append(child.text()).append('\n');
            } else if (child.mediaType().equals("text/html") && out.isEmpty()) {
                out.append(stripHtml(child.text())).append('\n');
            }
        }
    }

    /** HTML to text for reading: tags dropped (line-ending ones become line breaks), script and style skipped. */
    private static String stripHtml(String html) {
        StringBuilder out = new StringBuilder(html.length());
        String lower = html.toLowerCase(Locale.ROOT);
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
            if (lower.startsWith("<script", i) || lower.startsWith("<style", i)) {
                int close = lower.indexOf(lower.startsWith("<script", i) ? "</script" : "</style", i);
                i = close < 0 ? html.length() : close;
            }
            int end = html.indexOf('>', i);
            if (end < 0) {
                break;
            }
            boolean lineEnd = lower.startsWith("<br", i) || end - i == 3 && lower.startsWith("</p", i)
                    || end - i == 5 && lower.startsWith("</div", i) || end - i == 4 && lower.startsWith("</tr", i);
            out.append(lineEnd ? '\n' : ' ');
            i = end + 1;
        }
        String text = out.toString();
        return text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
    }
}
