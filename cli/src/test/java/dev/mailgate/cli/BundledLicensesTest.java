package dev.mailgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The executable jar bundles other projects' code, so it must carry their license terms (Apache-2.0 section 4(d)
 * for the NOTICE files, EPL-2.0 section 3 for Jakarta Mail and Angus): the build unpacks each bundled artifact's
 * license and notice files into {@code META-INF/third-party/<artifact>/} and lists every bundled artifact with its
 * license in {@code META-INF/THIRD-PARTY.txt}; the shade step copies both into {@code mailgate.jar}.
 */
class BundledLicensesTest {
    private static final Path META_INF = Path.of("target/classes/META-INF");

    @Test
    void everyBundledLibraryIsListedWithItsLicense() throws IOException {
        String list = Files.readString(META_INF.resolve("THIRD-PARTY.txt"));
        for (String artifact : List.of("picocli", "jackson-databind", "jakarta.mail-api", "angus-mail", "h2", "postgresql")) {
            assertThat(list).as("THIRD-PARTY.txt names " + artifact).contains(":" + artifact + ":");
        }
        assertThat(list).doesNotContain("dev.mailgate:").doesNotContain("junit");
    }

    @Test
    void licenseAndNoticeFilesAreKeptPerArtifact() throws IOException {
        Path thirdParty = META_INF.resolve("third-party");
        // The Eclipse projects ship LICENSE.md and NOTICE.md; Jackson ships LICENSE and NOTICE (Apache-2.0 4(d)).
        assertThat(thirdParty.resolve("angus-mail/META-INF/LICENSE.md")).isRegularFile();
        assertThat(thirdParty.resolve("angus-mail/META-INF/NOTICE.md")).isRegularFile();
        assertThat(thirdParty.resolve("jakarta.mail-api/META-INF/NOTICE.md")).isRegularFile();
        assertThat(META_INF.resolve("mailgate/LICENSE")).as("Mailgate's own license").isRegularFile();
        try (Stream<Path> files = Files.walk(thirdParty)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .as("license and notice files only")
                    .allMatch(name -> name.matches("(?i).*(license|notice|copying|copyright|third).*"));
        }
    }
}
