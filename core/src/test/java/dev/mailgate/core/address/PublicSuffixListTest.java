package dev.mailgate.core.address;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublicSuffixListTest {
    private final PublicSuffixList psl = PublicSuffixList.bundled();

    @Test
    void theBundledCopyIsLessThanAYearOld() {
        // Suffixes are added every week; a copy older than a year misjudges organizational domains (DMARC alignment)
        // for registries added since. Run scripts/update-public-suffix-list.sh when this fails.
        String version = psl.version();
        assertThat(version).as("// VERSION: header of the bundled list").matches("\\d{4}-\\d{2}-\\d{2}_.*");
        LocalDate released = LocalDate.parse(version.substring(0, 10));
        assertThat(released).as("bundled public suffix list release (scripts/update-public-suffix-list.sh refreshes it)")
                .isAfter(LocalDate.now(ZoneOffset.UTC).minusYears(1));
    }

    @Test
    void aFileNamedByTheSystemPropertyReplacesTheBundledCopy(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("own.dat");
        Files.writeString(file, "// VERSION: 2030-01-01_00-00-00_UTC\ncom\nexample.com\n");
        String before = System.getProperty(PublicSuffixList.FILE_PROPERTY);
        System.setProperty(PublicSuffixList.FILE_PROPERTY, file.toString());
        try {
            PublicSuffixList own = PublicSuffixList.standard();
            assertThat(own.version()).isEqualTo("2030-01-01_00-00-00_UTC");
            assertThat(own.organizationalDomain("a.b.example.com")).isEqualTo("b.example.com");
        } finally {
            if (before == null) {
                System.clearProperty(PublicSuffixList.FILE_PROPERTY);
            } else {
                System.setProperty(PublicSuffixList.FILE_PROPERTY, before);
            }
        }
        assertThat(PublicSuffixList.standard()).isSameAs(PublicSuffixList.bundled());
    }

    @Test
    void organizationalDomains() {
        assertThat(psl.organizationalDomain("bounce.news.example.co.uk")).isEqualTo("example.co.uk");
        assertThat(psl.organizationalDomain("news.example.co.uk")).isEqualTo("example.co.uk");
        assertThat(psl.organizationalDomain("mta.example.com")).isEqualTo("example.com");
        assertThat(psl.organizationalDomain("Example.COM.")).isEqualTo("example.com");
        assertThat(psl.organizationalDomain("example.net")).isNotEqualTo(psl.organizationalDomain("example.com"));
    }

    @Test
    void theListsWildcardExceptionPrivateAndIdnRules() {
        // *.ck with !www.ck
        assertThat(psl.publicSuffix("a.b.ck")).isEqualTo("b.ck");
        assertThat(psl.organizationalDomain("www.ck")).isEqualTo("www.ck");
        // a private-section suffix: each GitHub Pages site is its own organization
        assertThat(psl.organizationalDomain("alice.github.io")).isEqualTo("alice.github.io");
        // IDN: xn-- form either way
        assertThat(psl.organizationalDomain("mail.bücher.de")).isEqualTo("xn--bcher-kva.de");
        assertThat(psl.organizationalDomain("mail.faß.de")).as("IDNA2008, not fass.de").isEqualTo("xn--fa-hia.de");
        // an unknown TLD: the last label is the suffix
        assertThat(psl.organizationalDomain("a.b.example.invalidtld")).isEqualTo("example.invalidtld");
        // a public suffix is its own organizational domain
        assertThat(psl.organizationalDomain("co.uk")).isEqualTo("co.uk");
    }

    @Test
    void aFresherListCanBeLoaded(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("psl.dat");
        Files.writeString(file, "// test list\ncom\nexample.com\n");
        PublicSuffixList custom = PublicSuffixList.load(file);
        assertThat(custom.organizationalDomain("a.b.example.com")).isEqualTo("b.example.com");
    }
}
