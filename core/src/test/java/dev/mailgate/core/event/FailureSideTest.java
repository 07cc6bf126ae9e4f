package dev.mailgate.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FailureSideTest {
    @Test
    void addressAndMailboxFailuresAreTheRecipients() {
        assertThat(BounceReason.USER_UNKNOWN.side()).isEqualTo(FailureSide.RECIPIENT);
        assertThat(BounceReason.MAILBOX_FULL.side()).isEqualTo(FailureSide.RECIPIENT);
        assertThat(BounceReason.EXPIRED.side()).isEqualTo(FailureSide.RECIPIENT);
        assertThat(BounceReason.UNDEFINED.side()).as("the generic callback's softbounce has no reason").isEqualTo(FailureSide.RECIPIENT);
    }

    @Test
    void blocksAndThrottlesAimedAtTheSenderAreTheSenders() {
        assertThat(BounceReason.BLOCKED.side()).as("our IP on a blocklist").isEqualTo(FailureSide.SENDER);
        assertThat(BounceReason.SPEEDING.side()).as("a rate limit").isEqualTo(FailureSide.SENDER);
        assertThat(BounceReason.TOO_MANY_CONNECTIONS.side()).isEqualTo(FailureSide.SENDER);
        assertThat(BounceReason.AUTH_FAILURE.side()).as("our SPF/DKIM/DMARC").isEqualTo(FailureSide.SENDER);
        assertThat(BounceReason.SPAM_DETECTED.side()).isEqualTo(FailureSide.SENDER);
        assertThat(BounceReason.BAD_REPUTATION.side()).isEqualTo(FailureSide.SENDER);
    }

    @Test
    void everyReasonHasASide() {
        for (BounceReason r : BounceReason.values()) {
            assertThat(r.side()).as(r.id()).isNotNull();
        }
        assertThat(BounceReason.fromId("delivered")).as("a delivery is an event, not a failure reason (issue 17)").isEmpty();
        assertThat(BounceReason.fromId("feedback")).isEmpty();
        assertThat(BounceReason.fromId("vacation")).isEmpty();
        assertThat(BounceReason.fromId("suppressed")).contains(BounceReason.SUPPRESSED);
    }
}
