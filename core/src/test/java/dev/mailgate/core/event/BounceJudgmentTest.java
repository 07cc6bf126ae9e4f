package dev.mailgate.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.core.transport.EnhancedStatusCode;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BounceJudgmentTest {
    private static final Optional<EnhancedStatusCode> NONE = Optional.empty();

    private static Optional<EnhancedStatusCode> st(String code) {
        return Optional.of(EnhancedStatusCode.parse(code));
    }

    @Test
    void onlyTheAddressLevelReasonsAreHardAndOnlyTheUnknownOnesUndetermined() {
        Set<BounceReason> hard = EnumSet.of(BounceReason.USER_UNKNOWN, BounceReason.HOST_UNKNOWN, BounceReason.HAS_MOVED, BounceReason.NOT_ACCEPT);
        Set<BounceReason> open = EnumSet.of(BounceReason.ON_HOLD, BounceReason.UNDEFINED);
        for (BounceReason r : BounceReason.values()) {
            BounceClass want = hard.contains(r) ? BounceClass.HARD : open.contains(r) ? BounceClass.UNDETERMINED : BounceClass.SOFT;
            assertThat(BounceJudgment.classOf(r)).as(r.id()).isEqualTo(want);
            assertThat(BounceJudgment.of(r, st("5.0.0"), SmtpStage.UNKNOWN).bounceClass()).as(r.id()).isEqualTo(want);
        }
    }

    @Test
    void undeterminedCountsSoftAndIsTheRecipientsFailure() {
        BounceJudgment j = BounceJudgment.of(BounceReason.ON_HOLD, st("5.0.0"), SmtpStage.UNKNOWN);
        assertThat(j.bounceClass()).isEqualTo(BounceClass.UNDETERMINED);
        assertThat(j.counted()).isEqualTo(BounceClass.SOFT);
        assertThat(j.side()).isEqualTo(FailureSide.RECIPIENT);
    }

    @Test
    void aRefusalBeforeAnyRecipientWasNamedIsNeverHard() {
        assertThat(BounceJudgment.of(BounceReason.USER_UNKNOWN, st("5.1.1"), SmtpStage.MAIL).bounceClass()).isEqualTo(BounceClass.SOFT);
        assertThat(BounceJudgment.of(BounceReason.HOST_UNKNOWN, st("5.1.2"), SmtpStage.CONNECT).bounceClass()).isEqualTo(BounceClass.SOFT);
        assertThat(BounceJudgment.of(BounceReason.USER_UNKNOWN, st("5.1.1"), SmtpStage.RCPT).bounceClass()).isEqualTo(BounceClass.HARD);
        assertThat(BounceJudgment.of(BounceReason.NOT_ACCEPT, st("5.3.2"), SmtpStage.CONNECT).bounceClass())
                .as("554 No SMTP service here is said at the greeting").isEqualTo(BounceClass.HARD);
        assertThat(BounceJudgment.of(BounceReason.USER_UNKNOWN, st("5.1.1"), SmtpStage.AFTER_DATA).bounceClass())
                .as("LMTP answers per recipient after DATA").isEqualTo(BounceClass.HARD);
    }

    @Test
    void temporaryStatusesSoftenTheHostNotTheMailbox() {
        assertThat(BounceJudgment.of(BounceReason.HOST_UNKNOWN, st("4.4.3"), SmtpStage.UNKNOWN).bounceClass()).isEqualTo(BounceClass.SOFT);
        assertThat(BounceJudgment.of(BounceReason.NOT_ACCEPT, st("4.3.2"), SmtpStage.UNKNOWN).bounceClass()).isEqualTo(BounceClass.SOFT);
        assertThat(BounceJudgment.of(BounceReason.NOT_ACCEPT, st("5.1.10"), SmtpStage.UNKNOWN).bounceClass()).isEqualTo(BounceClass.HARD);
        assertThat(BounceJudgment.of(BounceReason.USER_UNKNOWN, st("4.1.1"), SmtpStage.RCPT).bounceClass())
                .as("retried until the MTA gave up").isEqualTo(BounceClass.HARD);
    }

    @Test
    void theReportersClassDecidesOnlyWhatTheEvidenceLeavesOpen() {
        assertThat(BounceJudgment.of(BounceReason.UNDEFINED, NONE, SmtpStage.UNKNOWN, BounceClass.HARD).bounceClass()).isEqualTo(BounceClass.HARD);
        assertThat(BounceJudgment.of(BounceReason.UNDEFINED, st("4.0.0"), SmtpStage.UNKNOWN, BounceClass.HARD).bounceClass())
                .isEqualTo(BounceClass.SOFT);
        assertThat(BounceJudgment.of(BounceReason.MAILBOX_FULL, st("5.2.2"), SmtpStage.UNKNOWN, BounceClass.HARD).bounceClass())
                .as("a full mailbox is not a bad address, whoever calls it hard").isEqualTo(BounceClass.SOFT);
        assertThat(BounceJudgment.of(BounceReason.USER_UNKNOWN, st("5.1.1"), SmtpStage.UNKNOWN, BounceClass.SOFT).bounceClass())
                .isEqualTo(BounceClass.HARD);
    }

    @Test
    void aReplyCodeWithoutStatusGivesTheClassDigit() {
        Diagnostic d = new Diagnostic(NONE, OptionalInt.of(450), "450 no such domain", Optional.empty());
        assertThat(BounceJudgment.of(BounceReason.HOST_UNKNOWN, d, SmtpStage.RCPT, BounceClass.UNDETERMINED).bounceClass())
                .isEqualTo(BounceClass.SOFT);
    }

    @Test
    void stagesFromTheCommandsReportsName() {
        assertThat(SmtpStage.ofCommand("EHLO")).isEqualTo(SmtpStage.CONNECT);
        assertThat(SmtpStage.ofCommand("rcpt")).isEqualTo(SmtpStage.RCPT);
        assertThat(SmtpStage.ofCommand("DATA")).isEqualTo(SmtpStage.AFTER_DATA);
        assertThat(SmtpStage.ofCommand("")).isEqualTo(SmtpStage.UNKNOWN);
    }
}
