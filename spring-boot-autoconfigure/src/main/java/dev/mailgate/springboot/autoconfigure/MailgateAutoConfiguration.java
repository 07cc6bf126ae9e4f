package dev.mailgate.springboot.autoconfigure;

import dev.mailgate.springboot.autoconfigure.properties.MailgateProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * Mailgate on Spring Boot: each part in its own configuration class, each bean {@code @ConditionalOnMissingBean} so
 * that an application's own bean of the type replaces it. Runs after the DataSource (the suppression store's
 * default) and SSL bundles are configured; the class names of both Boot 3 and Boot 4 are given, as only one exists.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration"})
@EnableConfigurationProperties(MailgateProperties.class)
@Import({SuppressionConfiguration.class, PublisherConfiguration.class, TransportConfiguration.class,
        EventsConfiguration.class, BounceMailboxConfiguration.class, WebConfiguration.class, HealthConfiguration.class,
        Boot3HealthConfiguration.class, Boot4HealthConfiguration.class})
public class MailgateAutoConfiguration {
}
