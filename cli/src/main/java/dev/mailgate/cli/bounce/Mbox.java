package dev.mailgate.cli.bounce;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an mbox (RFC 4155): messages start at lines beginning {@code From }; a body line that began with
 * {@code >From } (mboxrd quoting) loses one {@code >}.
 */
final class Mbox {
    private Mbox() {
    }

    static boolean isMbox(byte[] data) {
        return data.length > 5 && new String(data, 0, 5, StandardCharsets.ISO_8859_1).equals("From ");
    }

    /** The messages of an mbox, or the data itself as the only message when it is not one. */
    static List<byte[]> split(byte[] data) {
        if (!isMbox(data)) {
            return List.of(data);
        }
        String text = new String(data, StandardCharsets.ISO_8859_1);
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        int pos = 0;
        while (pos < text.length()) {
            int next = nextSeparator(text, pos);
            int end = next < 0 ? text.length() : next + 1;
            if (next < 0) {
                out.add(message(text, start, text.length()));
                break;
            }
            out.add(message(text, start, end));
            start = end;
            pos = end;
        }
        out.removeIf(m -> m.length == 0);
        return out;
    }

    /** RFC 4155: "From " + sender + an asctime date; a bare "From " in a body (From-stuffing forgotten) is not one. */
    private static final java.util.regex.Pattern SEPARATOR = java.util.regex.Pattern.compile(
            "From \\S+\\s+(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ");

    private static int nextSeparator(String text, int from) {
        int i = from;
        while (true) {
            int next = text.indexOf("\nFrom ", i);
            if (next < 0) {
                return -1;
            }
            int eol = text.indexOf('\n', next + 1);
            String line = text.substring(next + 1, eol < 0 ? text.length() : eol);
            if (SEPARATOR.matcher(line).lookingAt()) {
                return next;
            }
            i = next + 1;
        }
    }

    private static byte[] message(String text, int from, int to) {
        int bodyStart = text.indexOf('\n', from) + 1; // drop the "From " separator line itself
        if (bodyStart <= 0 || bodyStart > to) {
            return new byte[0];
        }
        String m = text.substring(bodyStart, to).replace("\n>From ", "\nFrom ");
        return m.getBytes(StandardCharsets.ISO_8859_1);
    }
}
