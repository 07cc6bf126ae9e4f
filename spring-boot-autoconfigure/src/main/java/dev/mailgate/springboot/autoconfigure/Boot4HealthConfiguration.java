package dev.mailgate.springboot.autoconfigure;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The health indicator on Boot 4, where health moved to the spring-boot-health module
 * ({@code org.springframework.boot.health.contributor}). The starter is compiled against Boot 3, so it implements
 * Boot 4's interface through a proxy whose type the factory declares (Actuator finds contributors by type), and
 * builds Boot 4's {@code Health} through its public builder by reflection. Boot 4's tests (the boot4 profile) check
 * it through {@code /actuator/health}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = Boot4HealthConfiguration.INDICATOR)
@ConditionalOnBean(MailgateHealth.class)
class Boot4HealthConfiguration {
    static final String INDICATOR = "org.springframework.boot.health.contributor.HealthIndicator";
    static final String HEALTH = "org.springframework.boot.health.contributor.Health";

    @Bean
    @ConditionalOnMissingBean(name = "mailgateHealthIndicator")
    static FactoryBean<Object> mailgateHealthIndicator(org.springframework.beans.factory.ObjectProvider<MailgateHealth> health) {
        return new FactoryBean<>() {
            @Override
            public Object getObject() throws ClassNotFoundException {
                Class<?> type = getObjectType();
                return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler(health.getObject()));
            }

            @Override
            public Class<?> getObjectType() {
                try {
                    return Class.forName(INDICATOR, false, Boot4HealthConfiguration.class.getClassLoader());
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    private static InvocationHandler handler(MailgateHealth health) {
        return (proxy, method, args) -> switch (method.getName()) {
            case "health" -> method.isDefault() ? InvocationHandler.invokeDefault(proxy, method, args) : toHealth(health.check());
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            case "toString" -> "MailgateHealthIndicator(Boot 4)";
            default -> method.isDefault() ? InvocationHandler.invokeDefault(proxy, method, args)
                    : unsupported(method);
        };
    }

    private static Object unsupported(Method method) {
        throw new UnsupportedOperationException(method.toString());
    }

    private static Object toHealth(MailgateHealth.Report r) throws ReflectiveOperationException {
        Class<?> health = Class.forName(HEALTH, true, Boot4HealthConfiguration.class.getClassLoader());
        Object builder = health.getMethod(r.up() ? "up" : "down").invoke(null);
        builder = builder.getClass().getMethod("withDetails", Map.class).invoke(builder, r.details());
        return builder.getClass().getMethod("build").invoke(builder);
    }
}
