package dev.mailgate.springboot.autoconfigure;

import dev.mailgate.springboot.autoconfigure.properties.HealthProperties;
import dev.mailgate.springboot.autoconfigure.properties.MailgateProperties;
import dev.mailgate.suppression.callback.CallbackPublisher;
import dev.mailgate.suppression.store.SuppressionStore;
import java.time.Clock;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The health state of every configured part; the Boot 3 and Boot 4 indicators report it. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "mailgate.health", name = "enabled", havingValue = "true", matchIfMissing = true)
class HealthConfiguration {
    @Bean
    @ConditionalOnMissingBean
    MailgateHealth mailgateHealth(MailgateProperties properties, ObjectProvider<ProviderSettings> settings,
            ObjectProvider<SuppressionStore> store, ObjectProvider<CallbackPublisher> publisher, ObjectProvider<PollerState> poller) {
        HealthProperties h = properties.getHealth();
        Optional<SmtpProbe> smtp = Optional.ofNullable(settings.getIfAvailable()).flatMap(ProviderSettings::smtp)
                .map(c -> new SmtpProbe(c, h.getSmtpCache(), Clock.systemUTC()));
        return new MailgateHealth(smtp, Optional.ofNullable(store.getIfAvailable()), Optional.ofNullable(publisher.getIfAvailable()),
                Optional.ofNullable(poller.getIfAvailable()), h.getOutboxMaxPending());
    }
}
