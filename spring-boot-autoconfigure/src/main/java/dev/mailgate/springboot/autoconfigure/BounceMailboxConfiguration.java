package dev.mailgate.springboot.autoconfigure;

import dev.mailgate.bounce.BounceParser;
import dev.mailgate.bounce.mailbox.BounceMailboxPoller;
import dev.mailgate.bounce.mailbox.ImapBounceConfig;
import dev.mailgate.bounce.mailbox.ImapSecurity;
import dev.mailgate.bounce.mailbox.PollerListener;
import dev.mailgate.bounce.mailbox.ProcessedMessages;
import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.springboot.autoconfigure.properties.BounceMailboxProperties;
import dev.mailgate.springboot.autoconfigure.properties.MailgateProperties;
import java.nio.file.Path;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The bounce mailbox poller (mailgate.bounce.enabled=true), run by {@link BouncePollerLifecycle}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(BounceMailboxPoller.class)
@ConditionalOnProperty(prefix = "mailgate.bounce", name = "enabled", havingValue = "true")
class BounceMailboxConfiguration {
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    BounceMailboxPoller mailgateBounceMailboxPoller(MailgateProperties properties, MailgateEvents events, ObjectProvider<SslBundles> bundles,
            ObjectProvider<PollerListener> listeners, ObjectProvider<PollerListener.Factory> factories) {
        BounceMailboxProperties p = properties.getBounce();
        if (p.getHost() == null || p.getHost().isBlank()) {
            throw new IllegalArgumentException("mailgate.bounce.host is required when mailgate.bounce.enabled=true");
        }
        ImapBounceConfig.Builder b = ImapBounceConfig.builder(p.getHost().strip());
        if (p.getSecurity() != null) {
            b.security(security(p.getSecurity()));
        }
        if (p.getPort() != null) {
            b.port(p.getPort());
        }
        if (p.getUsername() != null) {
            b.credentials(p.getUsername(), p.getPassword() == null ? "" : p.getPassword());
        }
        b.allowPlaintext(p.isAllowPlaintext()).useIdle(p.isIdle());
        if (p.getFolder() != null) {
            b.folder(p.getFolder());
        }
        if (p.getProcessedFolder() != null) {
            b.processedFolder(p.getProcessedFolder());
        }
        if (p.getNotBounceFolder() != null) {
            b.notBounceFolder(p.getNotBounceFolder());
        }
        if (p.getBounceAddress() != null) {
            b.bounceAddress(EmailAddress.parse(p.getBounceAddress()));
        }
        if (p.getPollInterval() != null) {
            b.pollInterval(p.getPollInterval());
        }
        if (p.getSslBundle() != null) {
            SslBundles all = bundles.getIfAvailable();
            if (all == null) {
                throw new IllegalStateException("mailgate.bounce.ssl-bundle is set but the application has no SslBundles");
            }
            b.sslContext(all.getBundle(p.getSslBundle()).createSslContext());
        }
        ProcessedMessages processed = p.getProcessedFile() == null || p.getProcessedFile().isBlank()
                ? ProcessedMessages.inMemory() : ProcessedMessages.file(Path.of(p.getProcessedFile()));
        // The handler runs before the mail is moved: if the lists or the outbox fail, the mail stays and is read again.
        BounceMailboxPoller poller = BounceMailboxPoller.create(b.build(), BounceParser.create(), (report, list) -> events.accept(list), processed);
        listeners.orderedStream().forEach(poller::addListener);
        factories.orderedStream().forEach(poller::addListener);
        return poller;
    }

    @Bean
    @ConditionalOnMissingBean
    BouncePollerLifecycle mailgateBouncePollerLifecycle(BounceMailboxPoller poller, MailgateProperties properties) {
        return new BouncePollerLifecycle(poller, properties.getBounce(), properties.getHealth().getPollerMaxSilence());
    }

    static ImapSecurity security(String value) {
        try {
            return ImapSecurity.valueOf(value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mailgate.bounce.security must be implicit-tls, starttls or none, was \"" + value + "\"", e);
        }
    }
}
