package dev.mailgate.smtp;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.smtp.internal.Extensions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The command lines of one mail transaction (RFC 5321 section 3.3) with the parameters the server's extensions
 * allow, and the check that the server can take the message at all. Pure: no I/O, so one place decides what goes
 * on the wire for both the pipelined and the lock-step paths.
 */
final class TransactionCommands {
    private TransactionCommands() {
    }

    /** RSET (when the session is not in its initial state), MAIL, one RCPT per recipient, DATA. */
    static List<String> of(Prepared p, boolean resetFirst, Extensions ext, SmtpConfig config) {
        List<String> commands = new ArrayList<>(p.recipients().size() + 3);
        if (resetFirst) {
            commands.add("RSET");
        }
        commands.add("MAIL FROM:<" + (p.mailFrom() == null ? "" : path(p.mailFrom(), p.smtpUtf8())) + ">"
                + mailParameters(p, ext, config));
        String rcptParameters = rcptParameters(ext, config);
        for (EmailAddress r : p.recipients()) {
            commands.add("RCPT TO:<" + path(r, p.smtpUtf8()) + ">" + rcptParameters);
        }
        commands.add("DATA");
        return commands;
    }

    /** The lines as one write, each ended by CRLF (RFC 2920 section 3.1: a pipelined group goes out together). */
    static byte[] join(List<String> commands) {
        StringBuilder batch = new StringBuilder(commands.size() * 40);
        for (String c : commands) {
            batch.append(c).append("\r\n");
        }
        return batch.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Throws when the server cannot take the message (SIZE, SMTPUTF8, 8BITMIME), before anything is sent. */
    static void checkSupport(Prepared p, Extensions ext, String where) {
        long limit = ext.maxSize();
        if (limit > 0 && p.size() > limit) {
            throw new MessageTooLargeException(p.size(), limit, where);
        }
        if (p.smtpUtf8() && !ext.has("SMTPUTF8")) {
            throw new UnsupportedByServerException("the message has non-ASCII addresses or headers, which need SMTPUTF8 (RFC 6531), and "
                    + where + " does not offer it");
        }
        if (p.eightBit() && !ext.has("8BITMIME")) {
            throw new UnsupportedByServerException("the message has 8-bit content, which needs 8BITMIME (RFC 6152), and " + where + " does not offer it");
        }
    }

    static boolean fits(Prepared p, Extensions ext) {
        try {
            checkSupport(p, ext, "");
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String mailParameters(Prepared p, Extensions ext, SmtpConfig config) {
        StringBuilder b = new StringBuilder();
        if (ext.has("SIZE")) {
            b.append(" SIZE=").append(p.size());
        }
        if (p.eightBit() || p.smtpUtf8()) {
            b.append(" BODY=8BITMIME");
        }
        if (p.smtpUtf8()) {
            b.append(" SMTPUTF8");
        }
        if (ext.has("DSN")) {
            if (config.dsnReturn != null) {
                b.append(" RET=").append(config.dsnReturn);
            }
            p.messageId().ifPresent(id -> b.append(" ENVID=").append(xtext(id)));
        }
        return b.toString();
    }

    private static String rcptParameters(Extensions ext, SmtpConfig config) {
        if (!ext.has("DSN") || config.dsnNotify.isEmpty()) {
            return "";
        }
        return " NOTIFY=" + String.join(",", new TreeSet<>(config.dsnNotify));
    }

    /** RFC 3461 section 4: xtext encodes '+', '=' and anything outside 33-126 as +XX. */
    private static String xtext(String s) {
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xFF;
            if (c < 33 || c > 126 || c == '+' || c == '=') {
                b.append('+').append(String.format("%02X", c));
            } else {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    private static String path(EmailAddress a, boolean smtpUtf8) {
        return smtpUtf8 ? a.address() : a.asciiAddress();
    }
}
