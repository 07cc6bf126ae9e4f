package dev.mailgate.springboot.autoconfigure;

import dev.mailgate.core.event.CallbackCodec;
import dev.mailgate.springboot.autoconfigure.properties.CallbackProperties;
import dev.mailgate.springboot.autoconfigure.properties.MailgateProperties;
import dev.mailgate.suppression.callback.CallbackPublisher;
import dev.mailgate.suppression.callback.PublisherListener;
import dev.mailgate.suppression.store.SuppressionStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The callback publisher (mailgate.callback.url), its outbox in the suppression store, and its background loop. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "mailgate.callback", name = "url")
class PublisherConfiguration {
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    CallbackPublisher mailgateCallbackPublisher(MailgateProperties properties, ObjectProvider<SuppressionStore> store,
            ObjectProvider<PublisherListener> listeners, ObjectProvider<PublisherListener.Factory> factories) {
        CallbackProperties p = properties.getCallback();
        SuppressionStore outbox = store.getIfAvailable();
        if (outbox == null) {
            throw new IllegalStateException("mailgate.callback.url needs the suppression store (its outbox): "
                    + "keep mailgate.suppression.enabled=true or define a SuppressionStore bean");
        }
        CallbackCodec codec = Codecs.byFormat(p.getFormat(), "mailgate.callback.format");
        CallbackPublisher.Builder b = CallbackPublisher.builder(p.getUrl(), codec, outbox);
        p.getHeaders().forEach(b::header);
        if (p.getMaxEvents() != null) {
            b.maxEvents(p.getMaxEvents());
        }
        if (p.getMaxDelay() != null) {
            b.maxDelay(p.getMaxDelay());
        }
        if (p.getTimeout() != null) {
            b.timeout(p.getTimeout());
        }
        // the publisher tells each in order and skips one that throws
        listeners.orderedStream().forEach(b::listener);
        factories.orderedStream().forEach(b::listener);
        return b.build();
    }

    @Bean
    SmartLifecycle mailgateCallbackPublisherLifecycle(CallbackPublisher publisher) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                publisher.start();
                running = true;
            }

            @Override
            public void stop() {
                // Pending events stay in the durable outbox: the next start sends them.
                publisher.close();
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }
        };
    }
}
