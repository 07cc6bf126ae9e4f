package dev.mailgate.springboot.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** A provider is configured: mailgate.provider is set, or mailgate.smtp.host (smtp is then implied). */
class ProviderConfiguredCondition extends SpringBootCondition {
    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        var env = context.getEnvironment();
        if (env.containsProperty("mailgate.provider")) {
            return ConditionOutcome.match("mailgate.provider is set");
        }
        if (env.containsProperty("mailgate.smtp.host")) {
            return ConditionOutcome.match("mailgate.smtp.host is set");
        }
        return ConditionOutcome.noMatch("neither mailgate.provider nor mailgate.smtp.host is set");
    }
}
