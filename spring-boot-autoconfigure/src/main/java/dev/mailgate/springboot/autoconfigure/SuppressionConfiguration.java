package dev.mailgate.springboot.autoconfigure;

import dev.mailgate.core.suppression.SuppressionListener;
import dev.mailgate.springboot.autoconfigure.properties.MailgateProperties;
import dev.mailgate.springboot.autoconfigure.properties.SuppressionProperties;
import dev.mailgate.springboot.autoconfigure.properties.UnsubscribeProperties;
import dev.mailgate.suppression.SenderSignalListener;
import dev.mailgate.suppression.SuppressionPolicy;
import dev.mailgate.suppression.Suppressions;
import dev.mailgate.suppression.store.InMemorySuppressionStore;
import dev.mailgate.suppression.store.JdbcSuppressionStore;
import dev.mailgate.suppression.store.SuppressionStore;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;
import dev.mailgate.suppression.unsubscribe.UnsubscribeTokens;

/** The suppression store, policy and lists; the unsubscribe token keys. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "mailgate.suppression", name = "enabled", havingValue = "true", matchIfMissing = true)
class SuppressionConfiguration {
    private static final System.Logger LOG = System.getLogger(SuppressionConfiguration.class.getName());

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    SuppressionStore mailgateSuppressionStore(MailgateProperties properties, ObjectProvider<DataSource> dataSources) {
        SuppressionProperties p = properties.getSuppression();
        DataSource dataSource = dataSources.getIfUnique();
        return switch (p.getStore()) {
            case DATASOURCE -> {
                if (dataSource == null) {
                    throw new IllegalStateException("mailgate.suppression.store=datasource, but the application has no single DataSource");
                }
                yield JdbcSuppressionStore.open(dataSource);
            }
            case MEMORY -> new InMemorySuppressionStore();
            case H2 -> h2(p);
            case AUTO -> dataSource != null ? JdbcSuppressionStore.open(dataSource) : h2(p);
        };
    }

    private static SuppressionStore h2(SuppressionProperties p) {
        if (!ClassUtils.isPresent("org.h2.Driver", SuppressionConfiguration.class.getClassLoader())) {
            // Sending to suppressed addresses because a driver is missing would be silent damage: refuse to start.
            throw new IllegalStateException("the suppression store needs a DataSource or the H2 driver: add com.h2database:h2, "
                    + "define a DataSource, set mailgate.suppression.store=memory (tests) or mailgate.suppression.enabled=false");
        }
        LOG.log(System.Logger.Level.INFO, "suppression lists in the H2 file " + p.getH2File() + ".mv.db");
        return JdbcSuppressionStore.open("jdbc:h2:file:" + p.getH2File());
    }

    @Bean
    @ConditionalOnMissingBean
    SuppressionPolicy mailgateSuppressionPolicy(MailgateProperties properties) {
        SuppressionProperties p = properties.getSuppression();
        return SuppressionPolicy.builder()
                .softBounceThreshold(p.getSoftBounceThreshold(), p.getSoftBounceWindow())
                .hardBounceUnsubscribes(p.isHardBounceUnsubscribes())
                .build();
    }

    @Bean
    @ConditionalOnMissingBean
    Suppressions mailgateSuppressions(SuppressionStore store, SuppressionPolicy policy, ObjectProvider<SuppressionListener> listeners,
            ObjectProvider<SenderSignalListener> senderSignalListeners) {
        Suppressions suppressions = new Suppressions(store, policy);
        listeners.orderedStream().forEach(suppressions::addListener);
        senderSignalListeners.orderedStream().forEach(suppressions::addSenderSignalListener);
        return suppressions;
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "mailgate.unsubscribe", name = "current-key")
    UnsubscribeTokens mailgateUnsubscribeTokens(MailgateProperties properties) {
        UnsubscribeProperties p = properties.getUnsubscribe();
        Map<String, byte[]> keys = new LinkedHashMap<>();
        p.getKeys().forEach((id, base64) -> {
            try {
                keys.put(id, Base64.getDecoder().decode(base64.strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("mailgate.unsubscribe.keys." + id + " is not Base64: " + e.getMessage(), e);
            }
        });
        if (!keys.containsKey(p.getCurrentKey())) {
            throw new IllegalArgumentException("mailgate.unsubscribe.current-key " + p.getCurrentKey()
                    + " is not among mailgate.unsubscribe.keys " + keys.keySet());
        }
        return UnsubscribeTokens.of(keys, p.getCurrentKey(), Clock.systemUTC());
    }

}
