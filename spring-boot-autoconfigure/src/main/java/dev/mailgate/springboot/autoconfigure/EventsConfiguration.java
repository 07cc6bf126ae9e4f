package dev.mailgate.springboot.autoconfigure;

import dev.mailgate.core.webhook.WebhookListener;
import dev.mailgate.suppression.Suppressions;
import dev.mailgate.suppression.callback.CallbackPublisher;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Where received events go: {@link MailgateEvents}. */
@Configuration(proxyBeanMethods = false)
class EventsConfiguration {
    @Bean
    @ConditionalOnMissingBean
    MailgateEvents mailgateEvents(ObjectProvider<Suppressions> suppressions, ObjectProvider<CallbackPublisher> publisher,
            ObjectProvider<WebhookListener> listeners) {
        return new MailgateEvents(Optional.ofNullable(suppressions.getIfAvailable()), Optional.ofNullable(publisher.getIfAvailable()),
                listeners.orderedStream().toList());
    }
}
