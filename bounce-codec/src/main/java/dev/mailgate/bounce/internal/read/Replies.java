package dev.mailgate.bounce.internal.read;

import dev.mailgate.core.transport.EnhancedStatusCode;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Status and reply codes in quoted SMTP replies, and the clean-up of diagnostic text. */
public final class Replies {
    /*
     * REPLY_CODE: an RFC 5321 reply code where a reply starts, at the start or after a separator, followed by a
     * space, comma, hyphen or the end: (?:^|[\s:;(\["'])([245]\d\d)(?:[ ,-]|$)(?![0-9a-f]{2}:), scanned by hand.
     */

    private Replies() {
    }

    public static Optional<EnhancedStatusCode> status(String text) {
        Optional<EnhancedStatusCode> found = EnhancedStatusCode.find(text);
        // "4.0.0"-looking version numbers and IPs are excluded by find(); a 2.x.x inside a failure text is a
        // quoted earlier success, not this failure's status
        return found;
    }

    private static final Pattern REPLY_STATUS = Pattern.compile("(?<![\\d.])[245]\\d\\d[ -]['\"(#]?([245]\\.\\d{1,3}\\.\\d{1,3})(?![\\d.])");

    /**
     * The enhanced code that follows a reply code ({@code 550 5.2.2}, {@code 550-'5.2.2}, {@code 550 #5.1.0}): the
     * receiver's own, where a relaying service puts its summary code first (Amazon SES "5.1.0 - Unknown address
     * error 550-'5.2.2 ...'").
     */
    public static Optional<EnhancedStatusCode> replyStatus(String text) {
        // tried only where a reply code and its separator start (the pattern's fixed head), in order, which is where
        // find() would stop; its look-behind still sees the text before (transparent bounds)
        Matcher m = null;
        int last = text.length() - 6;
        for (int i = 0; i <= last; i++) {
            char c = text.charAt(i);
            if (c != '2' && c != '4' && c != '5' || !digit(text, i + 1) || !digit(text, i + 2)
                    || text.charAt(i + 3) != ' ' && text.charAt(i + 3) != '-') {
                continue;
            }
            if (m == null) {
                m = REPLY_STATUS.matcher(text).useTransparentBounds(true);
            }
            m.region(i, text.length());
            if (m.lookingAt()) {
                return EnhancedStatusCode.find(m.group(1));
            }
        }
        return Optional.empty();
    }

    /** The first reply code that starts a reply (see {@link #REPLY_CODE}); 2xx only in a short text. */
    public static OptionalInt replyCode(String text) {
        int n = text.length();
        for (int i = 0; i + 3 <= n; i++) {
            char c = text.charAt(i);
            if (c != '2' && c != '4' && c != '5' || !digit(text, i + 1) || !digit(text, i + 2)) {
                continue;
            }
            if (i > 0 && " \t\n\r:;([\"'".indexOf(text.charAt(i - 1)) < 0) {
                continue;
            }
            int after = i + 3;
            if (after < n && " ,-".indexOf(text.charAt(after)) < 0) {
                continue;
            }
            // "2001:db8::" is an IPv6 address, not a reply
            int look = after + 1;
            if (look + 2 < n && hex(text.charAt(look)) && hex(text.charAt(look + 1)) && text.charAt(look + 2) == ':') {
                continue;
            }
            int code = (c - '0') * 100 + (text.charAt(i + 1) - '0') * 10 + (text.charAt(i + 2) - '0');
            if (code >= 400 || n < 40) {
                return OptionalInt.of(code);
            }
        }
        return OptionalInt.empty();
    }

    private static boolean digit(String text, int i) {
        return i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9';
    }

    private static boolean hex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f';
    }

    /**
     * A multi-line reply as one sentence: the code prefixes of its continuation lines ({@code 550-5.7.1 ...}) removed,
     * so that words broken across lines match again.
     */
    public static String unfoldReply(String text) {
        // anchored at the start (no MULTILINE): lookingAt, not find, which tried every position of the text
        Matcher m = LEADING_REPLY.matcher(text);
        if (!m.lookingAt()) {
            return text;
        }
        String code = m.group(1);
        String status = m.group(2) == null ? null : m.group(2).strip();
        StringBuilder out = new StringBuilder(text.length()).append(text, 0, m.end());
        int i = m.end();
        while (i < text.length()) {
            int at = text.indexOf(code, i);
            boolean prefix = at > 0 && Character.isWhitespace(text.charAt(at - 1)) && at + 3 < text.length()
                    && (text.charAt(at + 3) == ' ' || text.charAt(at + 3) == '-');
            if (at < 0) {
                out.append(text, i, text.length());
                break;
            }
            if (!prefix) {
                out.append(text, i, at + 3);
                i = at + 3;
                continue;
            }
            out.append(text, i, at);
            int after = at + 4;
            if (status != null && text.startsWith(status, after)) {
                after += status.length();
            }
            out.append(' ');
            i = after;
        }
        return collapse(out.toString());
    }

    private static final Pattern LEADING_REPLY = Pattern.compile("^\\s*([245]\\d\\d)[ -]([245]\\.\\d{1,3}\\.\\d{1,3}\\s+)?");

    private static final String[] COMMAND_INTROS = {"in reply to end of ", "in reply to ", "after end of ", "after ", ">>> ",
        ">>>", "error in ", "error after ", "response to "};
    private static final String[] COMMANDS = {"data", "rcpt", "mail", "helo", "ehlo", "starttls", "auth", "connect"};

    /**
     * The SMTP command a quoted reply answered ({@code DATA}, {@code RCPT}, {@code MAIL}, ...), in the words MTAs use
     * to say it: Postfix "in reply to end of DATA command", Exim "after RCPT TO:", Sendmail ">>> DATA".
     */
    public static Optional<String> command(String text) {
        return commandInLowerCase(text.toLowerCase(Locale.ROOT));
    }

    /** {@link #command} of a text already lower-cased ({@code Locale.ROOT}), for a caller that reads it twice. */
    public static Optional<String> commandInLowerCase(String lower) {
        int bestAt = Integer.MAX_VALUE;
        String best = null;
        for (String intro : COMMAND_INTROS) {
            for (int at = lower.indexOf(intro); at >= 0 && at < bestAt; at = lower.indexOf(intro, at + 1)) {
                int pos = at + intro.length();
                for (String command : COMMANDS) {
                    int end = pos + command.length();
                    if (lower.startsWith(command, pos) && (end >= lower.length() || !Character.isLetterOrDigit(lower.charAt(end)))) {
                        bestAt = at;
                        best = command;
                        break;
                    }
                }
            }
        }
        return Optional.ofNullable(best).map(c -> c.toUpperCase(Locale.ROOT));
    }

    /**
     * The command named by a notification's own sentence about the reply, in the forms that name exactly one: Postfix
     * "(in reply to RCPT TO command)", Exim "SMTP error from remote mail server after EHLO ...:" (or "after initial
     * connection"), qmail "Connected to ... but my name was rejected" (HELO), and 1&amp;1's "SMTP error from remote
     * server for TEXT command" (its name for the message text, DATA). Other words of a notification are not read: a
     * transcript mentions many commands.
     */
    public static Optional<String> notificationCommand(String context) {
        String lower = context.toLowerCase(Locale.ROOT);
        int exim = lower.indexOf("smtp error from remote mail server after ");
        if (exim >= 0) {
            String rest = lower.substring(exim + "smtp error from remote mail server after ".length());
            // Exim 4.9x's smtp transport says "after pipelined MAIL FROM:" for a reply to a pipelined command
            if (rest.startsWith("pipelined ")) {
                rest = rest.substring("pipelined ".length());
            }
            return rest.startsWith("initial connection") ? Optional.of("CONNECT") : commandInLowerCase("after " + rest);
        }
        // qmail: "Connected to 192.0.2.1 but my name was rejected." (HELO) / "... but sender was rejected." (MAIL).
        // Phrases that share a head are looked for only where the head occurs at all: one search of the whole
        // notification for each group instead of one per phrase
        boolean but = lower.contains("but ");
        if (but && lower.contains("but my name was rejected")) {
            return Optional.of("HELO");
        }
        if (but && lower.contains("but sender was rejected")) {
            return Optional.of("MAIL");
        }
        if (but && lower.contains("but greeting failed")) {
            return Optional.of("CONNECT");
        }
        // qmail names the refused step: "192.0.2.1 does not like recipient.", "... does not like sender.",
        // "... failed on DATA command.", "... failed after I sent the message."
        boolean doesNotLike = lower.contains("does not like ");
        if (doesNotLike && lower.contains("does not like recipient")) {
            return Optional.of("RCPT");
        }
        if (doesNotLike && lower.contains("does not like sender")) {
            return Optional.of("MAIL");
        }
        if (lower.contains("failed ") && (lower.contains("failed on data command") || lower.contains("failed after i sent the message"))) {
            return Optional.of("DATA");
        }
        // the pattern's literal head first: a matcher per recipient over the whole notification cost more than all
        // the phrase searches above
        Matcher oneAndOne = lower.contains(FOR_COMMAND_HEAD) ? FOR_COMMAND.matcher(lower) : null;
        if (oneAndOne != null && oneAndOne.find()) {
            String named = oneAndOne.group(1);
            return Optional.of(named.equals("text") ? "DATA" : named.toUpperCase(Locale.ROOT));
        }
        Optional<String> named = lower.contains("(in reply to") ? commandInLowerCase(lower) : Optional.empty();
        if (named.isPresent()) {
            return named;
        }
        // Postfix smtp(8): "host ... refused to talk to me: 5xx ..." when the greeting or HELO/EHLO was refused
        // (smtp_proto.c, smtp_helo): nothing had been said about the message yet
        if (lower.contains("refused to talk to me")) {
            return Optional.of("CONNECT");
        }
        return wrappedInReplyTo(lower);
    }

    /**
     * Postfix's notice wraps the reply and its "(in reply to ... command)" at 76 columns (bounce(8), line_wrap in
     * bounce_notify_util.c), so the phrase can be cut by a line break and an indent ("(in\n    reply to MAIL FROM
     * command)"): the command read with the whitespace after each "(in" collapsed.
     */
    private static Optional<String> wrappedInReplyTo(String lower) {
        for (int at = lower.indexOf("(in"); at >= 0; at = lower.indexOf("(in", at + 3)) {
            int end = Math.min(lower.length(), at + 48);
            // "(in" then whitespace: "(in\n    reply to", or "(in reply to end of\n    DATA" cut later
            if (end > at + 3 && Character.isWhitespace(lower.charAt(at + 3))) {
                String tail = lower.substring(at, end).replaceAll("\\s+", " ");
                if (tail.startsWith("(in reply to ")) {
                    Optional<String> command = commandInLowerCase(tail);
                    if (command.isPresent()) {
                        return command;
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The step a Postfix smtpd restriction judged, from the words of its reply (smtpd_check.c): "Client host
     * rejected" (the connecting host), "Helo command rejected", "Sender address rejected" (MAIL FROM), "Recipient
     * address rejected" (RCPT TO), "Data command rejected". With {@code smtpd_delay_reject} the reply comes at RCPT,
     * but it is about the step it names; used only when the report names no command.
     */
    public static Optional<String> restrictionCommand(String diagnostic) {
        return restrictionCommandInLowerCase(diagnostic.toLowerCase(Locale.ROOT));
    }

    /** {@link #restrictionCommand} of a diagnostic already lower-cased ({@code Locale.ROOT}). */
    public static Optional<String> restrictionCommandInLowerCase(String lower) {
        if (lower.contains("helo command rejected")) {
            return Optional.of("HELO");
        }
        if (lower.contains("client host rejected")) {
            return Optional.of("CONNECT");
        }
        if (lower.contains("sender address rejected")) {
            return Optional.of("MAIL");
        }
        if (lower.contains("recipient address rejected")) {
            return Optional.of("RCPT");
        }
        return lower.contains("data command rejected") ? Optional.of("DATA") : Optional.empty();
    }

    private static final String FOR_COMMAND_HEAD = "smtp error from remote server for ";
    private static final Pattern FOR_COMMAND = Pattern.compile("smtp error from remote server for (text|data|rcpt|mail|helo|ehlo) command");

    // HELO / EHLO too: Sendmail's transcript of a session refused at its HELO (">>> HELO host" then "<<< 501 ...")
    private static final Pattern TRANSCRIPT_COMMAND = Pattern.compile("(?i)>>> ?(?:(data|rcpt(?: to)?|mail(?: from)?|ehlo|helo)\\b|(\\.)(?=\\s))");

    /**
     * The command of a session transcript ({@code >>> DATA} / {@code <<< 550 ...}) that the reply answered: the last
     * one sent before the reply appears.
     */
    public static Optional<String> transcriptCommand(String transcript, String reply) {
        if (reply.length() < 8) {
            return Optional.empty();
        }
        String head = reply.substring(0, Math.min(20, reply.length()));
        // the transcript's own quote of the reply, not a summary line above it that repeats it ("(reason: 550 ...)")
        int quotedAt = transcript.indexOf("<<< " + head);
        int at = quotedAt >= 0 ? quotedAt + 4 : transcript.indexOf(head);
        // only a reply the transcript quotes from the server ("<<< 550 ...") answered the command before it; the
        // MTA's own status lines below a transcript ("554 <addr>... Host unknown") may be about another session
        if (at <= 0 || !transcript.substring(Math.max(0, at - 5), at).contains("<<<")) {
            return Optional.empty();
        }
        // the session the reply belongs to starts at Sendmail's "... while talking to host:" line
        int session = transcript.lastIndexOf(SendmailTranscript.TALKING_TO, at);
        Matcher m = TRANSCRIPT_COMMAND.matcher(transcript.substring(Math.max(0, session), at));
        String last = null;
        while (m.find()) {
            last = (m.group(1) != null ? m.group(1) : m.group(2)).toUpperCase(Locale.ROOT);
        }
        int firstCommand = session < 0 ? -1 : transcript.indexOf(">>>", session);
        if (last == null && session >= 0 && (firstCommand < 0 || firstCommand > at)) {
            // a reply before any command of its session is the server's greeting
            return Optional.of("CONNECT");
        }
        // with PIPELINING (RFC 2920 3.1) Sendmail sends DATA before the RCPT replies arrive, and they come back in
        // order: a reply after ">>> DATA" that another server reply follows before the next command (the DATA reply,
        // "554 5.5.1 Error: no valid recipients") answered RCPT. Only a reply after this reply's last line counts (a
        // multi-line reply, "550-5.7.1 ...", is one reply), and only within the session: the next session's greeting
        // is not the DATA reply.
        if ("DATA".equals(last)) {
            int end = replyEnd(transcript, at);
            int nextReply = end < 0 ? -1 : transcript.indexOf("<<< ", end);
            int nextCommand = end < 0 ? -1 : transcript.indexOf(">>>", end);
            int nextSession = end < 0 ? -1 : transcript.indexOf(SendmailTranscript.TALKING_TO, end);
            if (nextReply >= 0 && (nextCommand < 0 || nextReply < nextCommand) && (nextSession < 0 || nextReply < nextSession)) {
                return Optional.of("RCPT");
            }
        }
        // ">>> ." is the end of the content: its reply answered the message (in this vocabulary, DATA)
        return Optional.ofNullable(last).map(c -> c.startsWith("RCPT") ? "RCPT" : c.startsWith("MAIL") ? "MAIL" : c.equals(".") ? "DATA" : c);
    }

    /**
     * The end of the line that ends the reply starting at {@code at} (its "NNN " line, RFC 5321 section 4.2.1:
     * the lines before it are "NNN-"), following the "<<< " lines right below it; -1 when the text ends first. Each
     * step moves to the next line, so the walk is linear in the text.
     */
    private static int replyEnd(String transcript, int at) {
        int line = at;
        while (true) {
            int eol = transcript.indexOf('\n', line);
            boolean continued = line + 3 < transcript.length() && transcript.charAt(line + 3) == '-';
            if (!continued || eol < 0 || !transcript.startsWith("<<< ", eol + 1)) {
                return eol;
            }
            line = eol + 5;
        }
    }

    /** White space collapsed to single spaces, trimmed. */
    public static String collapse(String text) {
        // into a char array, not a StringBuilder: an append per character was a few percent of the parse
        char[] out = new char[text.length()];
        int n = 0;
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b) {
                space = n > 0;
            } else {
                if (space) {
                    out[n++] = ' ';
                    space = false;
                }
                out[n++] = c;
            }
        }
        return new String(out, 0, n);
    }

    /** Strips an RFC 3464 type prefix ({@code smtp; }, {@code rfc822; }, {@code dns; }) and angle brackets. */
    public static String typed(String value) {
        String v = value.strip();
        int semi = v.indexOf(';');
        if (semi > 0 && semi < 16 && isTypeName(v.substring(0, semi).strip())) {
            v = v.substring(semi + 1).strip();
        }
        return v;
    }

    private static boolean isTypeName(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** An address as written in a report: brackets, quotes and a trailing dot removed, domain lower-cased. */
    public static String address(String value) {
        String v = typed(value).strip();
        int lt = v.indexOf('<');
        int gt = v.lastIndexOf('>');
        if (lt >= 0 && gt > lt) {
            v = v.substring(lt + 1, gt);
        }
        v = v.strip();
        if (v.startsWith("<")) {
            v = v.substring(1);
        }
        while (!v.isEmpty() && (v.endsWith(".") || v.endsWith(",") || v.endsWith(":") || v.endsWith(";") || v.endsWith(">"))) {
            v = v.substring(0, v.length() - 1);
        }
        if (v.startsWith("\"") && v.endsWith("\"") && v.length() > 1 && v.indexOf('@') < 0) {
            v = v.substring(1, v.length() - 1);
        }
        int at = v.lastIndexOf('@');
        if (at > 0) {
            v = v.substring(0, at) + "@" + v.substring(at + 1).toLowerCase(Locale.ROOT);
        }
        return v;
    }
}
