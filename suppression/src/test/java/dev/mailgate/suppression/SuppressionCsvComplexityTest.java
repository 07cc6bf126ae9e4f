package dev.mailgate.suppression;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.suppression.store.InMemorySuppressionStore;
import dev.mailgate.testing.complexity.LinearGrowth;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * A CSV import is a file someone handed over: its time grows linearly with the rows, the length of a quoted field
 * (with doubled quotes and line breaks), and the bad lines it reports.
 */
class SuppressionCsvComplexityTest {
    @Test
    void rows() {
        IntFunction<String> csv = n -> SuppressionCsv.HEADER + "\r\n"
                + repeat(n, i -> "user" + i + "@example.org,suppressed,,hard bounce,csv,2026-11-23T12:00:00Z\r\n");
        assertThat(importInto(csv.apply(10))).isEqualTo(10);
        check("SuppressionCsv: rows", 256, csv);
    }

    @Test
    void quotedFieldLength() {
        IntFunction<String> csv = n -> SuppressionCsv.HEADER + "\r\nuser@example.org,suppressed,,\"" + repeat(n, i -> "a \"\"quoted\"\", reason\r\n")
                + "\",csv,2026-11-23T12:00:00Z\r\n";
        check("SuppressionCsv: quoted field length", 256, csv);
    }

    @Test
    void badLines() {
        IntFunction<String> csv = n -> SuppressionCsv.HEADER + "\r\n" + repeat(n, i -> "not-an-address-" + i + ",suppressed,,x,csv,\r\n");
        check("SuppressionCsv: bad lines reported", 256, csv);
    }

    private static void check(String what, int start, IntFunction<String> csv) {
        System.out.println("[complexity] " + LinearGrowth.of(what).startSize(start).check(csv, text -> {
            try {
                return importInto(text);
            } catch (IllegalArgumentException refused) {
                return refused.getMessage().length();
            }
        }));
    }

    private static int importInto(String csv) {
        try {
            return SuppressionCsv.importInto(new InMemorySuppressionStore(), new StringReader(csv));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String repeat(int n, IntFunction<String> line) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(line.apply(i));
        }
        return b.toString();
    }
}
