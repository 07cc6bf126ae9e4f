package dev.mailgate.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgate.core.address.EmailAddress;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MailEventTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void campaignUnsubscribeNeedsACampaign() {
        EventDetails noCampaign = EventDetails.builder("test", NOW).recipient(EmailAddress.parse("a@x.org")).build();
        assertThatThrownBy(() -> new MailEvent.Unsubscribed(noCampaign, UnsubscribeScope.CAMPAIGN))
                .isInstanceOf(IllegalArgumentException.class);
        MailEvent global = new MailEvent.Unsubscribed(noCampaign, UnsubscribeScope.GLOBAL);
        assertThat(global.type()).isEqualTo(EventType.UNSUBSCRIBED);
        assertThat(global.recipient()).contains(EmailAddress.parse("a@x.org"));
    }

    @Test
    void everyCaseReportsItsOwnType() {
        EventDetails d = EventDetails.builder("test", NOW).rawPayload("{}").build();
        assertThat(new MailEvent.Bounced(d, BounceClass.HARD, BounceReason.USER_UNKNOWN, Diagnostic.ofText("550 5.1.1 no such user")).type()).isEqualTo(EventType.BOUNCED);
        assertThat(new MailEvent.Unknown(d, "rate_limit").type()).isEqualTo(EventType.UNKNOWN);
        assertThat(new MailEvent.Complained(d, Optional.of("abuse")).type()).isEqualTo(EventType.COMPLAINED);
        assertThat(Diagnostic.ofText("550 5.1.1 no such user").status()).hasValueSatisfying(s -> assertThat(s.toString()).isEqualTo("5.1.1"));
    }

    @Test
    void reasonIdsMatchTheClassifierVocabulary() {
        assertThat(BounceReason.fromId("userunknown")).contains(BounceReason.USER_UNKNOWN);
        assertThat(BounceReason.fromId("mesgtoobig")).contains(BounceReason.MESSAGE_TOO_BIG);
        assertThat(BounceReason.fromId("nonsense")).isEmpty();
    }
}
