package dev.mailgate.springboot.autoconfigure;

import dev.mailgate.core.transport.Transport;
import dev.mailgate.smtp.SmtpEventListener;
import dev.mailgate.springboot.autoconfigure.properties.MailgateProperties;
import dev.mailgate.suppression.SuppressionFilter;
import dev.mailgate.suppression.Suppressions;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The Transport of the configured provider (plain SMTP with the application's {@link SmtpEventListener} beans), wrapped by the application's {@link MailgateTransportCustomizer}s and
 * then by the {@link SuppressionFilter} when there are suppression lists, so that nothing reaches a suppressed
 * address whichever wrapper an application adds.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(ProviderConfiguredCondition.class)
class TransportConfiguration {
    @Bean
    @ConditionalOnMissingBean
    ProviderSettings mailgateProviderSettings(MailgateProperties properties, ObjectProvider<SslBundles> bundles) {
        String id = ProviderTransports.providerId(properties).orElseThrow();
        Map<String, String> settings = ProviderTransports.settings(id, properties, bundles.getIfAvailable());
        return new ProviderSettings(id, settings, ProviderTransports.smtpConfig(id, settings));
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(Transport.class)
    Transport mailgateTransport(MailgateProperties properties, ProviderSettings settings, ObjectProvider<Suppressions> suppressions,
            ObjectProvider<MailgateTransportCustomizer> customizers, ObjectProvider<SmtpEventListener> smtpListeners) {
        Transport transport = ProviderTransports.create(settings.id(), settings.settings(), properties.getSmtp(),
                smtpListeners.orderedStream().toList());
        for (MailgateTransportCustomizer c : customizers.orderedStream().toList()) {
            transport = c.customize(transport);
        }
        Suppressions lists = suppressions.getIfAvailable();
        return lists == null ? transport : new SuppressionFilter(transport, lists, properties.getSuppression().getExclusion());
    }
}
