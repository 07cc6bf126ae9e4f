package dev.mailgate.suppression;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.address.InvalidAddressException;
import dev.mailgate.core.suppression.SuppressionList;
import dev.mailgate.suppression.store.SuppressionStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;

import java.io.Writer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The lists as CSV (RFC 4180): a header line {@value #HEADER}, one entry per line, fields quoted when they hold a
 * comma, quote or line break. Import reports every bad line (with its number) and adds nothing when any is bad.
 */
public final class SuppressionCsv {
    public static final String HEADER = "address,list,campaign,reason,source,at";

    private SuppressionCsv() {
    }

    public static void export(SuppressionStore store, SuppressionList list, Writer out) throws IOException {
        out.write(HEADER + "\r\n");
        for (SuppressionEntry e : store.list(list)) {
            out.write(String.join(",", field(e.address().address()), e.list().name().toLowerCase(Locale.ROOT), field(e.campaign().orElse("")),
                    field(e.reason()), field(e.source()), e.at().toString()) + "\r\n");
        }
        out.flush();
    }

    /** @return how many entries were new (already listed ones are kept as they are) */
    public static int importInto(SuppressionStore store, Reader in) throws IOException {
        List<SuppressionEntry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        BufferedReader reader = new BufferedReader(in);
        List<List<String>> rows = parse(reader);
        if (rows.isEmpty() || !String.join(",", rows.get(0)).equalsIgnoreCase(HEADER)) {
            throw new IllegalArgumentException("line 1: expected the header \"" + HEADER + "\"");
        }
        for (int i = 1; i < rows.size(); i++) {
            List<String> r = rows.get(i);
            int line = i + 1;
            if (r.size() == 1 && r.get(0).isBlank()) {
                continue;
            }
            if (r.size() != 6) {
                problems.add("line " + line + ": expected 6 fields, found " + r.size());
                continue;
            }
            try {
                SuppressionList list = SuppressionList.valueOf(r.get(1).strip().toUpperCase(Locale.ROOT));
                entries.add(new SuppressionEntry(EmailAddress.parse(r.get(0).strip()), list,
                        r.get(2).isBlank() ? Optional.empty() : Optional.of(r.get(2).strip()), r.get(3), r.get(4).isBlank() ? "import" : r.get(4),
                        r.get(5).isBlank() ? Instant.now() : Instant.parse(r.get(5).strip())));
            } catch (InvalidAddressException | DateTimeParseException | IllegalArgumentException e) {
                problems.add("line " + line + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("nothing imported; " + problems.size() + " bad lines:\n" + String.join("\n", problems));
        }
        int added = 0;
        for (SuppressionEntry e : entries) {
            if (store.add(e)) {
                added++;
            }
        }
        return added;
    }

    private static String field(String v) {
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) {
            return v;
        }
        return "\"" + v.replace("\"", "\"\"") + "\"";
    }

    /** RFC 4180 records: quoted fields may hold commas, quotes (doubled) and line breaks. */
    static List<List<String>> parse(BufferedReader in) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        int c;
        boolean any = false;
        while ((c = in.read()) != -1) {
            any = true;
            char ch = (char) c;
            if (quoted) {
                if (ch == '"') {
                    in.mark(1);
                    int next = in.read();
                    if (next == '"') {
                        f.append('"');
                    } else {
                        quoted = false;
                        if (next != -1) {
                            in.reset();
                        }
                    }
                } else {
                    f.append(ch);
                }
            } else if (ch == '"' && f.length() == 0) {
                quoted = true;
            } else if (ch == ',') {
                row.add(f.toString());
                f.setLength(0);
            } else if (ch == '\n') {
                row.add(f.toString());
                f.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else if (ch != '\r') {
                f.append(ch);
            }
        }
        if (any && (f.length() > 0 || !row.isEmpty())) {
            row.add(f.toString());
            rows.add(row);
        }
        return rows;
    }

}
