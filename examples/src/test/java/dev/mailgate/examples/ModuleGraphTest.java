package dev.mailgate.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.core.spi.MailProvider;
import java.io.File;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The tests run on the class path; this one resolves the library modules as real JPMS modules, so a missing
 * requires, a wrong export or a broken provides fails the build.
 */
class ModuleGraphTest {
    private static final List<String> NEEDED = List.of("mailgate-core", "mailgate-testing", "mailgate-provider-smtp",
            "mailgate-provider-episerver", "mailgate-provider-cloudmailin", "mailgate-provider-sendgrid", "mailgate-provider-mailgun",
            "mailgate-provider-ses", "mailgate-provider-postmark", "mailgate-provider-resend", "mailgate-provider-sparkpost", "mailgate-bounce-codec", "jackson-", "jakarta.mail-api",
            "jakarta.activation-api", "angus-mail", "angus-activation", "assertj-core", "junit-jupiter-api",
            "junit-platform-commons", "opentest4j", "apiguardian-api", "byte-buddy", "icu4j");

    @Test
    void libraryModulesResolveAndTheProviderIsFoundThroughTheModuleLayer() throws ClassNotFoundException {
        Path[] paths = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of)
                .filter(p -> NEEDED.stream().anyMatch(n -> p.toString().contains(n))
                        || p.toString().endsWith("target/classes") && !p.toString().contains("examples"))
                .toArray(Path[]::new);
        ModuleFinder finder = ModuleFinder.of(paths);
        Configuration config = ModuleLayer.boot().configuration().resolveAndBind(finder, ModuleFinder.of(), Set.of("dev.mailgate.testing",
                "dev.mailgate.episerver", "dev.mailgate.cloudmailin", "dev.mailgate.sendgrid", "dev.mailgate.mailgun", "dev.mailgate.ses",
                "dev.mailgate.postmark", "dev.mailgate.resend", "dev.mailgate.sparkpost"));
        ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(config, ClassLoader.getPlatformClassLoader());

        ModuleDescriptor core = layer.findModule("dev.mailgate.core").orElseThrow().getDescriptor();
        assertThat(core.exports().stream().filter(e -> !e.isQualified()).map(ModuleDescriptor.Exports::source))
                .contains("dev.mailgate.core.message", "dev.mailgate.core.spi", "dev.mailgate.core.dkim")
                .doesNotContain("dev.mailgate.core.internal");
        // The eight-octet scans are shared with the SMTP module's dot-stuffing, and with nobody else.
        assertThat(core.exports()).filteredOn(e -> e.source().equals("dev.mailgate.core.internal"))
                .singleElement().satisfies(e -> assertThat(e.targets()).containsExactly("dev.mailgate.smtp"));
        // The service type must be the layer's own copy, not the class-path one this test was compiled against.
        @SuppressWarnings("unchecked")
        Class<Object> spi = (Class<Object>) layer.findLoader("dev.mailgate.core").loadClass(MailProvider.class.getName());
        assertThat(spi.getModule().getName()).isEqualTo("dev.mailgate.core");
        List<String> ids = ServiceLoader.load(layer, spi).stream().map(p -> p.type().getName()).toList();
        assertThat(ids).contains("dev.mailgate.testing.RecordingProvider", "dev.mailgate.smtp.SmtpProvider",
                "dev.mailgate.episerver.EpiserverProvider", "dev.mailgate.cloudmailin.CloudMailinProvider",
                "dev.mailgate.sendgrid.SendGridProvider", "dev.mailgate.mailgun.MailgunProvider", "dev.mailgate.ses.SesProvider",
                "dev.mailgate.postmark.PostmarkProvider", "dev.mailgate.resend.ResendProvider", "dev.mailgate.sparkpost.SparkPostProvider");
        assertThat(layer.findModule("dev.mailgate.bounce").orElseThrow().getDescriptor().exports())
                .extracting(ModuleDescriptor.Exports::source).doesNotContain("dev.mailgate.bounce.internal.classify");
    }
}
