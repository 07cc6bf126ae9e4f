package dev.mailgate.suppression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.suppression.SuppressionList;
import dev.mailgate.suppression.store.InMemorySuppressionStore;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuppressionCsvTest {
    @Test
    void exportThenImportKeepsEveryField() throws Exception {
        InMemorySuppressionStore a = new InMemorySuppressionStore();
        a.add(new SuppressionEntry(EmailAddress.parse("jane@example.org"), SuppressionList.UNSUBSCRIBED, Optional.of("nov"),
                "said \"stop\", twice\nand again", "operator", Instant.parse("2026-11-23T12:00:00Z")));
        StringWriter csv = new StringWriter();
        SuppressionCsv.export(a, SuppressionList.UNSUBSCRIBED, csv);
        assertThat(csv.toString()).startsWith(SuppressionCsv.HEADER + "\r\n");

        InMemorySuppressionStore b = new InMemorySuppressionStore();
        assertThat(SuppressionCsv.importInto(b, new StringReader(csv.toString()))).isEqualTo(1);
        assertThat(b.list(SuppressionList.UNSUBSCRIBED)).isEqualTo(a.list(SuppressionList.UNSUBSCRIBED));
        assertThat(SuppressionCsv.importInto(b, new StringReader(csv.toString()))).as("already there").isZero();
    }

    /** Issue 19: the import keys addresses as the store, the filter and the policy do. */
    @Test
    void importMatchesAddressesWithoutCaseAndKeepsTheFirstSpelling() throws Exception {
        InMemorySuppressionStore s = new InMemorySuppressionStore();
        s.add(new SuppressionEntry(EmailAddress.parse("jane@example.org"), SuppressionList.SUPPRESSED, Optional.empty(), "hard", "test",
                Instant.parse("2026-11-23T12:00:00Z")));
        String csv = SuppressionCsv.HEADER + "\nJane@Example.ORG,suppressed,,r,,\nBob@Example.org,suppressed,,r,,\nbob@example.org,suppressed,,r,,\n";
        assertThat(SuppressionCsv.importInto(s, new StringReader(csv))).isEqualTo(1);
        assertThat(s.list(SuppressionList.SUPPRESSED)).extracting(e -> e.address().address()).containsExactly("jane@example.org", "Bob@Example.org");
    }

    @Test
    void badLinesAreAllReportedAndNothingIsImported() {
        String csv = SuppressionCsv.HEADER + "\nok@example.org,suppressed,,r,import,\nnot an address,suppressed,,r,,\nx@example.org,maybe,,r,,\n";
        InMemorySuppressionStore s = new InMemorySuppressionStore();
        assertThatThrownBy(() -> SuppressionCsv.importInto(s, new StringReader(csv))).hasMessageContaining("line 3").hasMessageContaining("line 4");
        assertThat(s.list(SuppressionList.SUPPRESSED)).isEmpty();
        assertThatThrownBy(() -> SuppressionCsv.importInto(s, new StringReader("a,b\n"))).hasMessageContaining("header");
    }
}
