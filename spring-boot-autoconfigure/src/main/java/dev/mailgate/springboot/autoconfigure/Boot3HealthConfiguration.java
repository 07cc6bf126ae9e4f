package dev.mailgate.springboot.autoconfigure;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The health indicator on Boot 3 (Actuator's {@code org.springframework.boot.actuate.health}); on Boot 4 the class
 * is absent and {@link Boot4HealthConfiguration} contributes it instead. Named {@code mailgate} in
 * {@code /actuator/health}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
@ConditionalOnBean(MailgateHealth.class)
class Boot3HealthConfiguration {
    @Bean
    @ConditionalOnMissingBean(name = "mailgateHealthIndicator")
    HealthIndicator mailgateHealthIndicator(MailgateHealth health) {
        return () -> {
            MailgateHealth.Report r = health.check();
            return (r.up() ? Health.up() : Health.down()).withDetails(r.details()).build();
        };
    }
}
