package dev.mailgate.core.mime;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The value of the Date field, RFC 5322 section 3.3 date-time with a numeric zone: {@code Thu, 3 Dec 2026 18:27:00
 * +0100}. The {@link #REFERENCE} formatter was a twentieth of a message's render time and 600 octets of garbage (a
 * print context, a StringBuilder, field look-ups per letter of the pattern), so the common case — a four-digit
 * year and a zone offset in whole minutes — is written here digit by digit; anything else goes to the formatter,
 * and {@code DateFieldTest} checks the two agree.
 */
final class DateField {
    /** What the field has always been formatted with; the fast path must produce exactly its text. */
    static final DateTimeFormatter REFERENCE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH);
    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    private DateField() {
    }

    /** Writes the date-time (without the field name or CRLF). */
    static void write(OffsetDateTime d, MimeOutput out) throws java.io.IOException {
        int year = d.getYear();
        int offset = d.getOffset().getTotalSeconds();
        if (year < 1000 || year > 9999 || offset % 60 != 0) {
            // a year the pattern pads, signs or reads as year-of-era, or seconds in the offset: the formatter decides
            out.text(REFERENCE.format(d));
            return;
        }
        out.reserve(32);
        byte[] b = out.buffer();
        int p = out.position();
        p = ascii(DAYS[d.getDayOfWeek().ordinal()], b, p);
        b[p++] = ',';
        b[p++] = ' ';
        int day = d.getDayOfMonth();
        if (day >= 10) {
            b[p++] = (byte) ('0' + day / 10);
        }
        b[p++] = (byte) ('0' + day % 10);
        b[p++] = ' ';
        p = ascii(MONTHS[d.getMonthValue() - 1], b, p);
        b[p++] = ' ';
        p = two(year / 100, b, p);
        p = two(year % 100, b, p);
        b[p++] = ' ';
        p = two(d.getHour(), b, p);
        b[p++] = ':';
        p = two(d.getMinute(), b, p);
        b[p++] = ':';
        p = two(d.getSecond(), b, p);
        b[p++] = ' ';
        // RFC 5322 section 3.3: zone = ("+" / "-") 4DIGIT; the formatter's "Z" writes +0000 for UTC
        b[p++] = (byte) (offset < 0 ? '-' : '+');
        int minutes = Math.abs(offset) / 60;
        p = two(minutes / 60, b, p);
        p = two(minutes % 60, b, p);
        out.advanceTo(p);
    }

    private static int ascii(String s, byte[] b, int p) {
        for (int i = 0; i < s.length(); i++) {
            b[p++] = (byte) s.charAt(i);
        }
        return p;
    }

    private static int two(int v, byte[] b, int p) {
        b[p++] = (byte) ('0' + v / 10);
        b[p++] = (byte) ('0' + v % 10);
        return p;
    }
}
