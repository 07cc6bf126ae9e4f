package dev.mailgate.bounce.internal.read;

import java.util.Optional;

/**
 * Sendmail's session transcript in a notice ("----- Transcript of session follows -----"): per session a
 * "... while talking to host:" line, the commands it sent ({@code >>> MAIL From:<...>}), the replies it got
 * ({@code <<< 550 ...}) and its own line per recipient ("user@example.org... Deferred: ..."), as deliver.c and
 * usersmtp.c write them. A notice lists the failed recipients above the transcript, so a recipient's block in the
 * text ends before its session; these read the session that failed it.
 */
final class SendmailTranscript {
    private SendmailTranscript() {
    }

    /** The line that starts each session of the transcript (deliver.c). */
    static final String TALKING_TO = "... while talking to ";

    /**
     * Sendmail's transcript of the session that failed {@code recipient} (deliver.c / usersmtp.c): from the last
     * "... while talking to host:" line before the recipient's own status line ("user@example.org... Deferred: ...",
     * "... User unknown") to the end of that line, where the {@code >>>} commands and {@code <<<} replies are.
     */
    static Optional<String> session(String text, String lower, String recipient) {
        int line = lower.lastIndexOf(PlainTextReader.asciiLowerCase(recipient) + "... ");
        int talk = line < 0 ? -1 : text.lastIndexOf(TALKING_TO, line);
        if (line < 0) {
            // no status line of its own (a refused greeting or MAIL FROM ends with Sendmail's "554 5.0.0 Service
            // unavailable"): the session is the recipient's only when it is the notice's only one
            talk = text.indexOf(TALKING_TO);
            if (text.indexOf(TALKING_TO, talk + 1) >= 0) {
                return Optional.empty();
            }
            int blank = text.indexOf("\n\n", talk);
            return Optional.of(text.substring(talk, blank < 0 ? text.length() : blank));
        }
        if (talk < 0) {
            return Optional.empty();
        }
        int end = text.indexOf('\n', line);
        return Optional.of(text.substring(talk, end < 0 ? text.length() : end));
    }

    /**
     * {@code text} with A-Z lower-cased when it holds a Sendmail session transcript, else null. ASCII only, so that
     * an index into it is one into {@code text}: {@code toLowerCase} makes some characters longer ("İ" is two).
     */
    static String lowerIfTranscript(String text) {
        return text.contains(TALKING_TO) ? PlainTextReader.asciiLowerCase(text) : null;
    }

    /**
     * The last refusal ({@code <<< 421 ...}, a 4xx or 5xx reply with its continuation lines) of a Sendmail session
     * transcript. A reply ends at its "NNN " line (RFC 5321 section 4.2.1); a 2xx or 3xx reply after it (the RCPT
     * that was accepted before the connection broke) is not the failure, so it is not returned in its place.
     */
    static Optional<String> lastReply(String context) {
        int talk = context.lastIndexOf(TALKING_TO);
        if (talk < 0) {
            return Optional.empty();
        }
        StringBuilder reply = new StringBuilder();
        String refusal = null;
        for (String l : context.substring(talk).split("\n")) {
            if (!l.startsWith("<<< ")) {
                reply.setLength(0);
                continue;
            }
            String line = l.substring(4).strip();
            reply.append(line).append(' ');
            if (line.length() > 3 && line.charAt(3) == '-') {
                continue;
            }
            String r = Replies.collapse(reply.toString());
            reply.setLength(0);
            if (!r.isEmpty() && (r.charAt(0) == '4' || r.charAt(0) == '5') && Replies.replyCode(r).isPresent()) {
                refusal = r;
            }
        }
        return Optional.ofNullable(refusal);
    }
}
