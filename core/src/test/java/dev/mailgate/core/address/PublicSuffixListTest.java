package dev.mailgate.core.address;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublicSuffixListTest {
    private final PublicSuffixList psl = PublicSuffixList.bundled();

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
