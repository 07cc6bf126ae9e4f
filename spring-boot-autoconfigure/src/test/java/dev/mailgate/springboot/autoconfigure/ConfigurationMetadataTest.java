package dev.mailgate.springboot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailgate.cloudmailin.CloudMailinProvider;
import dev.mailgate.core.spi.ConfigKey;
import dev.mailgate.core.spi.MailProvider;
import dev.mailgate.episerver.EpiserverProvider;
import dev.mailgate.smtp.SmtpProvider;
import java.io.InputStream;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated IDE metadata has every key each typed provider reads, under mailgate.<id>.<key>, and each with a
 * description: a key added to a provider and forgotten here fails this test.
 */
class ConfigurationMetadataTest {
    @ParameterizedTest
    @ValueSource(strings = {"smtp", "episerver", "cloudmailin"})
    void everyProviderKeyIsAPropertyWithADescription(String id) throws Exception {
        MailProvider provider = switch (id) {
            case "smtp" -> new SmtpProvider();
            case "episerver" -> new EpiserverProvider();
            default -> new CloudMailinProvider();
        };
        JsonNode metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            metadata = new ObjectMapper().readTree(in);
        }
        Set<String> described = new TreeSet<>();
        metadata.get("properties").forEach(p -> {
            if (p.hasNonNull("description") && !p.get("description").asText().isBlank()) {
                described.add(p.get("name").asText());
            }
        });
        for (ConfigKey key : provider.configKeys()) {
            assertThat(described).as("mailgate.%s.%s", id, key.name()).contains("mailgate." + id + "." + key.name());
        }
    }
}
