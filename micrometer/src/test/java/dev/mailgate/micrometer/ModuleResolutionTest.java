package dev.mailgate.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The tests run on the class path; this resolves the module as a real JPMS module, alone (every Mailgate part but
 * core is optional) and with the parts it instruments, so a wrong requires or export fails the build.
 */
class ModuleResolutionTest {
    private static final List<String> NEEDED = List.of("mailgate-", "micrometer-", "HdrHistogram", "LatencyUtils", "icu4j",
            "jakarta.mail-api", "jakarta.activation-api", "angus-mail", "angus-activation", "jackson-");

    private static ModuleLayer layer(String... roots) {
        Path[] paths = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator)).map(Path::of)
                .filter(p -> NEEDED.stream().anyMatch(n -> p.getFileName().toString().startsWith(n)) || p.endsWith(Path.of("target", "classes")))
                .toArray(Path[]::new);
        Configuration config = ModuleLayer.boot().configuration().resolve(ModuleFinder.of(paths), ModuleFinder.of(), Set.of(roots));
        return ModuleLayer.boot().defineModulesWithOneLoader(config, ClassLoader.getPlatformClassLoader());
    }

    @Test
    void resolvesWithCoreAndMicrometerAlone() throws Exception {
        ModuleLayer layer = layer("dev.mailgate.micrometer");
        assertThat(layer.findModule("dev.mailgate.suppression")).as("optional").isEmpty();
        ModuleDescriptor d = layer.findModule("dev.mailgate.micrometer").orElseThrow().getDescriptor();
        assertThat(d.exports()).extracting(ModuleDescriptor.Exports::source).containsExactly("dev.mailgate.micrometer");
        ClassLoader loader = layer.findLoader("dev.mailgate.micrometer");
        Class<?> entry = loader.loadClass(MailgateMetrics.class.getName());
        assertThat(entry.getModule().getName()).isEqualTo("dev.mailgate.micrometer");

        // Without mailgate-suppression, -bounce-mailbox and -provider-smtp in the layer, the entry point loads, a
        // framework can reflect on all its methods (Spring scans a bean's declared methods), and the core parts work;
        // only the optional parts' own classes need their module.
        Class<?> registryType = loader.loadClass("io.micrometer.core.instrument.MeterRegistry");
        Object registry = loader.loadClass("io.micrometer.core.instrument.simple.SimpleMeterRegistry").getConstructor().newInstance();
        assertThat(entry.getDeclaredMethods()).isNotEmpty();
        Object metrics = entry.getMethod("bindTo", registryType).invoke(null, registry);
        assertThat(entry.getMethod("webhooks").invoke(metrics)).isNotNull();
        assertThat(entry.getMethod("suppressions").invoke(metrics)).isNotNull();
        Class<?> publisher = loader.loadClass(CallbackPublisherMetrics.class.getName());
        assertThatThrownBy(() -> publisher.getMethod("listener", entry).invoke(null, metrics)).isInstanceOf(NoClassDefFoundError.class);
    }

    @Test
    void resolvesWithThePartsItInstruments() throws Exception {
        ModuleLayer layer = layer("dev.mailgate.micrometer", "dev.mailgate.suppression", "dev.mailgate.bounce.mailbox", "dev.mailgate.smtp");
        Module micrometer = layer.findModule("dev.mailgate.micrometer").orElseThrow();
        assertThat(micrometer.canRead(layer.findModule("dev.mailgate.suppression").orElseThrow())).isTrue();
        assertThat(micrometer.canRead(layer.findModule("dev.mailgate.bounce.mailbox").orElseThrow())).isTrue();
        // the listeners load, with the optional parts present
        ClassLoader loader = layer.findLoader("dev.mailgate.micrometer");
        assertThat(loader.loadClass("dev.mailgate.micrometer.PublisherMetrics").getInterfaces()[0].getModule().getName())
                .isEqualTo("dev.mailgate.suppression");
        assertThat(loader.loadClass("dev.mailgate.micrometer.PollerMetrics").getInterfaces()[0].getModule().getName())
                .isEqualTo("dev.mailgate.bounce.mailbox");
        assertThat(loader.loadClass("dev.mailgate.micrometer.SmtpMetrics").getInterfaces()[0].getModule().getName())
                .isEqualTo("dev.mailgate.smtp");
    }
}
