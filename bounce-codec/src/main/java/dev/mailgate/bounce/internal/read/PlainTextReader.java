package dev.mailgate.bounce.internal.read;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bounces in an MTA's own words (qmail, Exim, Gmail, Yahoo, Sendmail's older forms, ...). Formats differ, but all of
 * them name each failed address and then quote or explain the refusal below it, before the copy of the original
 * message. So: cut the text at the copy, take the addresses that are neither the sender nor the reporting system,
 * and give each one the text up to the next address as its diagnostic.
 */
public final class PlainTextReader {
    /**
     * Lines that introduce the copy of the original message, in the wording of the common MTAs: "original message",
     * "copy of (the|your) message", "message header(s) follow(s)", "headers of (the|your) (original )message", ...
     * Only where a phrase starts matters, so a phrase that begins with a shorter one ("original message header",
     * "original message follows") needs no entry of its own. Compared in ASCII case only, as a case-insensitive regex
     * does; a search per phrase on the (short) line instead of a regex trying every phrase at every position.
     */
    private static final String[] COPY_PHRASES = {"original message", "copy of the message", "copy of your message",
        "returned message", "unsent message", "undelivered message", "original mail", "message header follow",
        "message headers follow", "headers of the message", "headers of your message", "headers of the original message",
        "headers of your original message", "below this line", "message follows", "returned mail", "returned content",
        "included is a copy", "following is a copy", "header of original message", "original headers"};
    /**
     * Header fields that start the copy of an original when a paragraph begins with one; compared in ASCII case only,
     * as the case-insensitive regex {@code ^(?:Return-Path|Received|...):} they replace did.
     */
    private static final String[] HEADER_STARTS = {"return-path:", "received:", "dkim-signature:", "message-id:",
        "x-original-to:", "delivered-to:", "authentication-results:"};
    private static final Set<String> SYSTEM_LOCAL_PARTS = Set.of("mailer-daemon", "postmaster", "root", "no-reply", "noreply",
            "double-bounce", "bounce", "bounces", "daemon", "mail-daemon", "abuse");

    private PlainTextReader() {
    }

    /**
     * Splits a notification at the line that introduces the original message: {notification, rest}. Lines are read by
     * index: a copy of each line, its strip and its lower case were most of the time of a pass that for nearly every
     * line only learns that it is neither a separator line nor a short sentence, so cannot introduce the copy.
     */
    public static String[] split(String text) {
        int pos = 0;
        boolean previousBlank = true;
        int len = text.length();
        while (pos < len) {
            int eol = text.indexOf('\n', pos);
            if (eol < 0) {
                eol = len;
            }
            if (mayBeCopyMarker(text, pos, eol) && isCopyMarker(text.substring(pos, eol))) {
                return new String[] {text.substring(0, pos), text.substring(Math.min(len, eol + 1))};
            }
            if (previousBlank && pos > 0 && startsHeader(text, pos, eol)) {
                return new String[] {text.substring(0, pos), text.substring(pos)};
            }
            previousBlank = firstNonSpace(text, pos, eol) == eol;
            pos = eol + 1;
        }
        return new String[] {text, ""};
    }

    /**
     * The tests of {@link #isCopyMarker} that need no copy of the line, on {@code text[from, to)}: stripped, it is not
     * empty, at most 100 characters, starts with a separator or is at most 60 characters ending in {@code : . -}, and
     * has no {@code @}. Few lines pass; only those are copied for the phrase search.
     */
    private static boolean mayBeCopyMarker(String text, int from, int to) {
        int a = firstNonSpace(text, from, to);
        int b = to;
        while (b > a && Character.isWhitespace(text.charAt(b - 1))) {
            b--;
        }
        if (a == b || b - a > 100) {
            return false;
        }
        char last = text.charAt(b - 1);
        if (!isSeparator(text.charAt(a)) && (b - a > 60 || last != ':' && last != '.' && last != '-')) {
            return false;
        }
        for (int i = a; i < b; i++) {
            if (text.charAt(i) == '@') {
                return false;
            }
        }
        return true;
    }

    private static boolean isSeparator(char first) {
        return first == '-' || first == '=' || first == '_' || first == '*' || first == '#' || first == '[' || first == '<';
    }

    private static int firstNonSpace(String text, int from, int to) {
        int a = from;
        while (a < to && Character.isWhitespace(text.charAt(a))) {
            a++;
        }
        return a;
    }

    /** Whether {@code text[from, to)} starts with one of {@link #HEADER_STARTS}, A-Z folded to a-z and nothing else. */
    private static boolean startsHeader(String text, int from, int to) {
        for (String field : HEADER_STARTS) {
            int n = field.length();
            if (to - from < n) {
                continue;
            }
            int k = 0;
            while (k < n && foldAscii(text.charAt(from + k)) == field.charAt(k)) {
                k++;
            }
            if (k == n) {
                return true;
            }
        }
        return false;
    }

    private static char foldAscii(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    /**
     * A line that introduces the quoted original: the phrase on a separator line ({@code ----- Original message -----})
     * or as a short sentence of its own ({@code Message headers follow.}), not inside a longer sentence such as
     * Sendmail's "The original message was received at ...".
     */
    static boolean isCopyMarker(String line) {
        String t = line.strip();
        if (t.isEmpty() || t.length() > 100 || t.contains("@") || !mentionsCopy(t)) {
            return false;
        }
        String folded = asciiLowerCase(t);
        int phrase = -1;
        for (String p : COPY_PHRASES) {
            int at = folded.indexOf(p);
            if (at >= 0 && (phrase < 0 || at < phrase)) {
                phrase = at;
            }
        }
        if (phrase < 0) {
            return false;
        }
        if (isSeparator(t.charAt(0))) {
            return true;
        }
        return phrase <= 4 && t.length() <= 60 && (t.endsWith(":") || t.endsWith(".") || t.endsWith("-"))
                && !t.toLowerCase(Locale.ROOT).contains("received at");
    }

    /** A-Z to a-z, nothing else: the same length, and the same letters a case-insensitive ASCII regex equates. */
    static String asciiLowerCase(String s) {
        char[] c = null;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch >= 'A' && ch <= 'Z') {
                if (c == null) {
                    c = s.toCharArray();
                }
                c[i] = (char) (ch + 32);
            }
        }
        return c == null ? s : new String(c);
    }

    /** A cheap test before the phrase search: every copy phrase contains one of these words. */
    private static boolean mentionsCopy(String line) {
        String l = line.toLowerCase(Locale.ROOT);
        return l.contains("original") || l.contains("copy") || l.contains("returned") || l.contains("unsent")
                || l.contains("undelivered") || l.contains("header") || l.contains("below this") || l.contains("follow")
                || l.contains("included");
    }

    /**
     * One finding per failed address in the notification text.
     *
     * @param excluded addresses that are not failed recipients: the bounce's own From / To, the original sender
     * @param preferred addresses the report names as failed elsewhere (X-Failed-Recipients), found first
     */
    public static List<RecipientReading> read(String notification, Set<String> excluded, List<String> preferred) {
        Map<String, Integer> firstSeen = new LinkedHashMap<>();
        if (!preferred.isEmpty()) {
            // one pass for all of them: X-Failed-Recipients is the sender's to fill, with as many names as it likes
            MentionIndex named = MentionIndex.of(notification, preferred, true);
            for (int p = 0; p < preferred.size(); p++) {
                int at = named.first(p);
                if (at >= 0) {
                    firstSeen.putIfAbsent(preferred.get(p).toLowerCase(Locale.ROOT), at);
                }
            }
        }
        // the address a failure list names first is a recipient even when it is the sender's own (a test
        // message sent to oneself): it is not excluded
        Set<String> notExcluded = firstListed(notification).map(a -> {
            Set<String> rest = new HashSet<>(excluded);
            rest.remove(a);
            return rest;
        }).orElse(excluded);
        if (firstSeen.isEmpty()) {
            for (AddressScan.Found found : AddressScan.all(notification)) {
                String address = Replies.address(found.address());
                if (isCandidate(address, notExcluded, notification, found.start())) {
                    firstSeen.putIfAbsent(address.toLowerCase(Locale.ROOT), found.start());
                }
            }
        }
        if (firstSeen.isEmpty()) {
            for (String p : preferred) {
                firstSeen.putIfAbsent(p.toLowerCase(Locale.ROOT), 0);
            }
        }
        List<String> addresses = new ArrayList<>(firstSeen.keySet());
        List<RecipientReading> out = new ArrayList<>();
        // the whole notification is the last resort of the classifier; its start says what happened
        String around = Replies.collapse(notification.length() > 2048 ? notification.substring(0, 2048) : notification);
        // one index of every mention and one of the reply lines, instead of a scan of the text per address and per
        // other address (issue 18: 1,000 addresses in 26 KB took 38 s)
        MentionIndex mentions = MentionIndex.of(notification, addresses, true);
        ReplySignals signals = new ReplySignals(notification);
        LineStarts lines = new LineStarts(notification);
        for (int p = 0; p < addresses.size(); p++) {
            String address = addresses.get(p);
            String block = bestBlock(notification, mentions, p, signals);
            String reply = statusLineOf(notification, mentions, p, lines).orElseGet(() -> replyIn(block));
            int first = mentions.first(p);
            String original = first < 0 ? address : Replies.address(notification.substring(first, first + address.length()));
            out.add(RecipientReading.of(original, reply, "").withContext(Replies.collapse(block) + " " + around));
        }
        return out;
    }

    private static final Pattern FAILURE_LIST = Pattern.compile(
            "(?i)following address(?:\\(es\\)|es)?\\s+(?:failed|had permanent fatal errors)[^\\n]*\\n(?:[ \\t]*\\n)*[ \\t]*<?([^\\s<>@]+@[^\\s<>:]+)");

    /** The first address under Exim's "The following address(es) failed:" or Sendmail's "... had permanent fatal errors". */
    private static Optional<String> firstListed(String text) {
        // every match starts with its literal: tried there only (find() went on through the rest of the text after a
        // "following address" that does not head a failure list)
        Matcher m = null;
        for (int at = indexOfIgnoreCase(text, "following address", 0); at >= 0; at = indexOfIgnoreCase(text, "following address", at + 1)) {
            if (m == null) {
                m = FAILURE_LIST.matcher(text);
            }
            m.region(at, text.length());
            if (m.lookingAt()) {
                return Optional.of(Replies.address(m.group(1)).toLowerCase(Locale.ROOT));
            }
        }
        return Optional.empty();
    }

    /**
     * Sendmail's per-recipient status line, {@code 554 <user@example.org>... Remote protocol error: ...}: the reply
     * for that address is on its own line, whatever the transcript around it quotes for others.
     */
    private static Optional<String> statusLineOf(String text, MentionIndex mentions, int address, LineStarts lines) {
        String wanted = mentions.pattern(address);
        for (int index : mentions.occurrences(address)) {
            int at = mentions.get(index).start();
            int lineStart = lines.startOf(at);
            int lineEnd = lines.endOf(at);
            if (at - lineStart > 32 || lineEnd - lineStart > MAX_STATUS_LINE) {
                // the address is not where a status line has it, or the line is longer than any reply
                continue;
            }
            String line = text.substring(lineStart, lineEnd);
            Matcher m = STATUS_LINE.matcher(line);
            if (m.lookingAt() && m.group(1).equalsIgnoreCase(wanted)) {
                return Optional.of(Replies.collapse(line));
            }
        }
        return Optional.empty();
    }

    /** Longer than an SMTP reply line may be (RFC 5321 section 4.5.3.1.5: 512 octets), with room for folding. */
    private static final int MAX_STATUS_LINE = 2048;

    /**
     * {@code 554 <addr>... text}: reply code, the address (bracketed or not), three dots. Bounded like an address
     * (RFC 5321 section 4.5.3.1), so a hostile line costs a bounded number of steps.
     */
    private static final Pattern STATUS_LINE = Pattern.compile("[ \\t]{0,16}[245]\\d\\d[ -]<?([^\\s<>@]{1,64}@[^\\s<>]{1,255}?)>?\\.\\.\\.");

    /**
     * The text about one address: from a mention of it to the next mention of another address. Many formats list the
     * addresses first and explain each further down, so the mention followed by a quoted reply is preferred.
     *
     * <p>A mention of a shorter address inside a mention of this one ({@code bob@example.org} inside
     * {@code x.bob@example.org}) is not another address. The next mention is found by walking the index on from where
     * the previous mention's walk stopped, so an address costs its own mentions, not the text.
     */
    private static String bestBlock(String text, MentionIndex mentions, int address, ReplySignals signals) {
        int firstStart = -1;
        int firstEnd = -1;
        int cursor = 0;
        int[] occurrences = mentions.occurrences(address);
        for (int index : occurrences) {
            MentionIndex.Mention mention = mentions.get(index);
            int start = mention.start();
            int from = mention.end();
            cursor = Math.max(cursor, mentions.firstAtOrAfter(from));
            int spanEnd = -1;
            while (cursor < mentions.size()) {
                MentionIndex.Mention next = mentions.get(cursor);
                if (next.pattern() == address) {
                    spanEnd = next.end();
                } else if (next.end() > spanEnd) {
                    break;
                }
                cursor++;
            }
            int end = cursor < mentions.size() ? mentions.get(cursor).start() : text.length();
            if (firstStart < 0) {
                firstStart = start;
                firstEnd = end;
            }
            // a single mention's block is the answer whatever it quotes: no question, so no pass over the text
            if (occurrences.length > 1 && signals.quotesReply(Math.min(from, end), end)) {
                return text.substring(start, end);
            }
        }
        return firstStart < 0 ? "" : text.substring(firstStart, firstEnd);
    }

    private static boolean isCandidate(String address, Set<String> excluded, String text, int at) {
        String lower = address.toLowerCase(Locale.ROOT);
        if (excluded.contains(lower)) {
            return false;
        }
        String local = lower.substring(0, lower.indexOf('@'));
        if (SYSTEM_LOCAL_PARTS.contains(local)) {
            return false;
        }
        // "MAIL FROM:<x>", "from=<x>", "envelope-from <x>", "Sender: x" quote the sender, not a recipient
        String before = text.substring(Math.max(0, at - 24), at).toLowerCase(Locale.ROOT);
        return !(before.contains("from:") || before.contains("from=") || before.contains("from <")
                || before.contains("envelope-from") || before.contains("sender") || before.contains("message-id")
                || before.endsWith("by ") || before.contains("return-path"));
    }

    static int indexOfIgnoreCase(String text, String what) {
        return indexOfIgnoreCase(text, what, 0);
    }

    /**
     * Case-insensitive search without lower-casing (and copying) the whole text, and with indexes into the text
     * itself (lower-casing can change a string's length, e.g. for a dotted capital I).
     */
    static int indexOfIgnoreCase(String text, String what, int from) {
        int n = what.length();
        if (n == 0) {
            return from;
        }
        char lower = Character.toLowerCase(what.charAt(0));
        char upper = Character.toUpperCase(what.charAt(0));
        for (int i = Math.max(0, from); i + n <= text.length(); i++) {
            char c = text.charAt(i);
            if ((c == lower || c == upper) && text.regionMatches(true, i, what, 0, n)) {
                return i;
            }
        }
        return -1;
    }

    /** The lines of a block that quote a server reply; the whole block when none does. */
    public static String replyIn(String block) {
        StringBuilder reply = new StringBuilder();
        for (String line : block.split("\n")) {
            int start = replyStart(line);
            if (start >= 0) {
                // "The error that the other server returned was: 550 5.1.1 ...": the reply starts at its code
                reply.append(line.substring(start).strip()).append(' ');
            } else if (reply.length() > 0 && !line.isBlank() && (line.startsWith(" ") || line.startsWith("\t"))) {
                reply.append(line.strip()).append(' ');
            }
        }
        String r = Replies.unfoldReply(Replies.collapse(reply.toString()));
        return r.isEmpty() ? Replies.collapse(block) : r;
    }

    /**
     * Where a line quotes a server reply: at its reply code ({@code 550 }, {@code 550-}) when the code comes first,
     * else from the line's start when it says {@code said:} or carries an enhanced status; -1 when it does neither.
     */
    static int replyStart(String line) {
        int said = indexOfSaid(line);
        for (int i = 0; i + 3 < line.length(); i++) {
            char c = line.charAt(i);
            if ((c == '2' || c == '4' || c == '5') && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))
                    && Character.isDigit(line.charAt(i + 1)) && Character.isDigit(line.charAt(i + 2))
                    && (line.charAt(i + 3) == ' ' || line.charAt(i + 3) == '-')) {
                return said >= 0 && said < i ? 0 : i;
            }
        }
        return said >= 0 || dev.mailgate.core.transport.EnhancedStatusCode.find(line).isPresent() ? 0 : -1;
    }

    /**
     * {@code indexOfIgnoreCase(line, "said:")}, looked for from the colons: a line has few, and the search by first
     * letter stopped at every s of the line.
     */
    private static int indexOfSaid(String line) {
        for (int colon = line.indexOf(':', 4); colon >= 0; colon = line.indexOf(':', colon + 1)) {
            int at = colon - 4;
            char c = line.charAt(at);
            if ((c == 's' || c == 'S') && line.regionMatches(true, at, "said:", 0, 5)) {
                return at;
            }
        }
        return -1;
    }

}
