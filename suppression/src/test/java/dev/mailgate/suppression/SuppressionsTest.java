package dev.mailgate.suppression;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.event.BounceClass;
import dev.mailgate.core.event.BounceReason;
import dev.mailgate.core.event.Diagnostic;
import dev.mailgate.core.event.EventDetails;
import dev.mailgate.core.event.MailEvent;
import dev.mailgate.core.event.UnsubscribeScope;
import dev.mailgate.core.suppression.SuppressionChange;
import dev.mailgate.core.suppression.SuppressionList;
import dev.mailgate.core.transport.EnhancedStatusCode;
import dev.mailgate.suppression.store.InMemorySuppressionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class SuppressionsTest {
    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    private static final EmailAddress JANE = EmailAddress.parse("jane@example.org");
    private final InMemorySuppressionStore store = new InMemorySuppressionStore();
    private final List<SuppressionChange> changes = new ArrayList<>();

    private Suppressions suppressions(SuppressionPolicy policy) {
        Suppressions s = new Suppressions(store, policy);
        s.addListener(changes::add);
        return s;
    }

    private static EventDetails details(String id, Instant at) {
        return EventDetails.builder("test", at).recipient(JANE).eventId(id).occurredAt(at).build();
    }

    private static Diagnostic diag(String status) {
        return new Diagnostic(Optional.ofNullable(status).map(EnhancedStatusCode::parse), OptionalInt.empty(), "", Optional.empty());
    }

    private static MailEvent hard(String id) {
        return new MailEvent.Bounced(details(id, T0), BounceClass.HARD, BounceReason.USER_UNKNOWN, diag("5.1.1"));
    }

    private static MailEvent soft(String id, Instant at) {
        return new MailEvent.Bounced(details(id, at), BounceClass.SOFT, BounceReason.MAILBOX_FULL, diag("5.2.2"));
    }

    @Test
    void aHardBounceSuppressesAtOnceAndSaysWhy() {
        List<SuppressionChange> got = suppressions(SuppressionPolicy.defaults()).ingest(hard("h1"));
        assertThat(got).singleElement().satisfies(c -> {
            assertThat(c.list()).isEqualTo(SuppressionList.SUPPRESSED);
            assertThat(c.reason()).contains("hard").contains("userunknown").contains("5.1.1");
            assertThat(c.cause()).isPresent();
        });
        assertThat(changes).hasSize(1);
        assertThat(suppressions(SuppressionPolicy.defaults()).ingest(hard("h1"))).as("replayed").isEmpty();
    }

    @Test
    void theGenericSmtpCompatibilitySwitchUnsubscribesInstead() {
        List<SuppressionChange> got = suppressions(SuppressionPolicy.builder().hardBounceUnsubscribes(true).build()).ingest(hard("h1"));
        assertThat(got).singleElement().satisfies(c -> assertThat(c.list()).isEqualTo(SuppressionList.UNSUBSCRIBED));
    }

    @Test
    void softBouncesCountToTheThresholdWithinTheWindowAndADeliveryResets() {
        Suppressions s = suppressions(SuppressionPolicy.defaults());
        assertThat(s.ingest(soft("s1", T0))).isEmpty();
        assertThat(s.ingest(soft("s2", T0.plusSeconds(10)))).isEmpty();
        s.ingest(new MailEvent.Delivered(details("d1", T0.plusSeconds(20)), Diagnostic.NONE));
        assertThat(s.ingest(soft("s3", T0.plusSeconds(30)))).as("the delivery cleared the count").isEmpty();
        assertThat(s.ingest(soft("s4", T0.plusSeconds(40)))).isEmpty();
        assertThat(s.ingest(soft("s5", T0.plusSeconds(50)))).singleElement()
                .satisfies(c -> assertThat(c.reason()).contains("3 within 30 days"));
        assertThat(s.ingest(soft("s6", T0.plus(Duration.ofDays(40))))).as("already suppressed").isEmpty();
    }

    @Test
    void aSoftEventWithAPermanentAddressStatusIsHardAndTheReverse() {
        MailEvent softUnknown = new MailEvent.Deferred(details("x", T0), BounceReason.USER_UNKNOWN, diag("5.1.1"));
        assertThat(SuppressionPolicy.classOf(softUnknown)).contains(EventClass.HARD);
        MailEvent softFull = new MailEvent.Bounced(details("y", T0), BounceClass.SOFT, BounceReason.MAILBOX_FULL, diag("5.2.2"));
        assertThat(SuppressionPolicy.classOf(softFull)).as("a permanent full mailbox stays soft").contains(EventClass.SOFT);
        // issue 17: one decision (BounceJudgment). A final failure whose host said "user unknown" on every retry is
        // hard, as a bounce mail's verdict always had it; a host that could not be looked up for now is not gone
        MailEvent finalUnknown = new MailEvent.Bounced(details("z", T0), BounceClass.HARD, BounceReason.USER_UNKNOWN, diag("4.1.1"));
        assertThat(SuppressionPolicy.classOf(finalUnknown)).contains(EventClass.HARD);
        MailEvent hostForNow = new MailEvent.Bounced(details("w", T0), BounceClass.HARD, BounceReason.HOST_UNKNOWN, diag("4.4.3"));
        assertThat(SuppressionPolicy.classOf(hostForNow)).contains(EventClass.SOFT);
        MailEvent hardWithoutReason = new MailEvent.Bounced(details("v", T0), BounceClass.HARD, BounceReason.UNDEFINED, diag("4.0.0"));
        assertThat(SuppressionPolicy.classOf(hardWithoutReason)).as("the reporter's hard, but the status says temporary")
                .contains(EventClass.SOFT);
        MailEvent undetermined = new MailEvent.Bounced(details("u", T0), BounceClass.UNDETERMINED, BounceReason.ON_HOLD, diag("5.0.0"));
        assertThat(SuppressionPolicy.classOf(undetermined)).as("undetermined counts soft").contains(EventClass.SOFT);
    }

    /** Issue 19: three delay notices, a rate limit or our IP on a blocklist dropped a valid subscriber. */
    @Test
    void senderSideBlocksAndThrottlesRaiseASignalAndCountTowardNoAddress() {
        Suppressions s = suppressions(SuppressionPolicy.builder().softBounceThreshold(1, Duration.ofDays(30)).build());
        List<SenderSignal> signals = new ArrayList<>();
        s.addSenderSignalListener(signals::add);
        List<MailEvent> events = List.of(
                new MailEvent.Bounced(details("b1", T0), BounceClass.SOFT, BounceReason.BLOCKED, diag("5.7.1")),
                new MailEvent.Deferred(details("r1", T0), BounceReason.SPEEDING, diag("4.7.0")),
                new MailEvent.Bounced(details("a1", T0), BounceClass.SOFT, BounceReason.AUTH_FAILURE, diag("5.7.26")),
                new MailEvent.Blocked(details("x1", T0), BounceReason.BAD_REPUTATION, diag("5.7.1")),
                new MailEvent.Bounced(details("s1", T0), BounceClass.HARD, BounceReason.SPAM_DETECTED, diag("5.7.1")));
        for (MailEvent e : events) {
            assertThat(s.ingest(e)).as(e.toString()).isEmpty();
        }
        assertThat(s.ingestAll(events)).as("replayed: no second signal").isEmpty();
        assertThat(store.count(JANE, EventClass.SOFT)).isZero();
        assertThat(s.blocked(List.of(JANE), Optional.empty())).isEmpty();
        assertThat(signals).extracting(SenderSignal::reason).containsExactly(BounceReason.BLOCKED, BounceReason.SPEEDING,
                BounceReason.AUTH_FAILURE, BounceReason.BAD_REPUTATION, BounceReason.SPAM_DETECTED);
        assertThat(signals.get(0).recipientDomain()).contains("example.org");
        assertThat(s.senderSignals()).containsEntry(BounceReason.BLOCKED, 1L).containsEntry(BounceReason.SPEEDING, 1L).hasSize(5);
    }

    @Test
    void delaysCountNothingAndTheFinalFailureCountsOnce() {
        Suppressions s = suppressions(SuppressionPolicy.defaults());
        for (int i = 0; i < 3; i++) {
            assertThat(s.ingest(new MailEvent.Deferred(details("d" + i, T0.plusSeconds(i * 3600L)), BounceReason.MAILBOX_FULL, diag("4.2.2"))))
                    .isEmpty();
        }
        assertThat(store.count(JANE, EventClass.SOFT)).as("three delay notices are not three bounces").isZero();
        s.ingest(new MailEvent.Bounced(details("f", T0.plus(Duration.ofDays(5))), BounceClass.SOFT, BounceReason.EXPIRED, diag("4.4.7")));
        assertThat(store.count(JANE, EventClass.SOFT)).isEqualTo(1);
        assertThat(s.blocked(List.of(JANE), Optional.empty())).isEmpty();
    }

    @Test
    void aHardBounceFromTheSeedsCallbackCountsAndSaysTheSwitch() {
        // the generic SMTP integration's hardbounce has no reason: recipient-side, hard
        MailEvent hard = new MailEvent.Bounced(details("g1", T0), BounceClass.HARD, BounceReason.UNDEFINED, Diagnostic.NONE);
        assertThat(SuppressionPolicy.classOf(hard)).contains(EventClass.HARD);
        assertThat(SuppressionPolicy.senderSignal(hard)).isEmpty();
    }

    @Test
    void complaintsSuppressAndOnlyAnOperatorTakesThemOff() {
        Suppressions s = suppressions(SuppressionPolicy.defaults());
        s.ingest(new MailEvent.Complained(details("c1", T0), Optional.of("abuse")));
        s.ingest(new MailEvent.Delivered(details("d1", T0.plusSeconds(1)), Diagnostic.NONE));
        assertThat(s.blocked(List.of(JANE), Optional.empty())).containsEntry(JANE, SuppressionList.SUPPRESSED);
        assertThat(s.remove(JANE, SuppressionList.SUPPRESSED, Optional.empty(), "the recipient asked to be re-added")).isTrue();
        assertThat(s.blocked(List.of(JANE), Optional.empty())).isEmpty();
        assertThat(store.audit(JANE)).extracting(r -> r.reason()).contains("the recipient asked to be re-added");
        assertThat(changes).extracting(SuppressionChange::added).containsExactly(true, false);
    }

    @Test
    void unsubscribesKeepTheirScopeAndAutoRepliesAreIgnored() {
        Suppressions s = suppressions(SuppressionPolicy.defaults());
        EventDetails campaign = EventDetails.builder("test", T0).recipient(JANE).eventId("u1").campaign("nov-2026").build();
        s.ingest(new MailEvent.Unsubscribed(campaign, UnsubscribeScope.CAMPAIGN));
        s.ingest(new MailEvent.AutoReplied(details("a1", T0)));
        assertThat(s.blocked(List.of(JANE), Optional.of("nov-2026"))).containsEntry(JANE, SuppressionList.UNSUBSCRIBED);
        assertThat(s.blocked(List.of(JANE), Optional.of("dec-2026"))).isEmpty();
        assertThat(changes).singleElement().satisfies(c -> assertThat(c.campaign()).contains("nov-2026"));
    }

    @Test
    void aThrowingListenerDoesNotUndoTheChangeOrSilenceOthers() {
        Suppressions s = new Suppressions(store, SuppressionPolicy.defaults());
        s.addListener(c -> {
            throw new IllegalStateException("listener bug");
        });
        s.addListener(changes::add);
        assertThat(s.ingest(hard("h1"))).hasSize(1);
        assertThat(changes).hasSize(1);
        assertThat(s.blocked(List.of(JANE), Optional.empty())).containsKey(JANE);
    }
}
