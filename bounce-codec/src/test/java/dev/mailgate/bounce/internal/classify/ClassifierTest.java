package dev.mailgate.bounce.internal.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.core.event.BounceReason;
import dev.mailgate.core.transport.EnhancedStatusCode;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The precedence rules written down in {@link Classifier}, one test each. */
class ClassifierTest {
    private static Optional<EnhancedStatusCode> status(String s) {
        return Optional.of(EnhancedStatusCode.parse(s));
    }

    private static BounceReason reason(String status, String diagnostic) {
        return Classifier.reason(status == null ? Optional.empty() : status(status), diagnostic, "",
                status != null && status.startsWith("4"), true, Optional.empty());
    }

    @Test
    void wordsWinOverAGenericOrMisusedStatus() {
        assertThat(reason("5.2.1", "550 5.2.1 <kijitora@example.jp>... User Unknown")).isEqualTo(BounceReason.USER_UNKNOWN);
        assertThat(reason("5.1.1", "550 5.1.1 <a@example.com> - 203.0.113.2 has sent to too many recipients this hour"))
                .isEqualTo(BounceReason.SPEEDING);
        assertThat(reason("5.1.1", "550 5.7.1 IP address blacklisted by recipient")).isEqualTo(BounceReason.BLOCKED);
    }

    @Test
    void aSpecificStatusDecidesWhenTheWordsSayNothing() {
        assertThat(reason("5.1.1", "550 Requested action not taken")).isEqualTo(BounceReason.USER_UNKNOWN);
        assertThat(reason("5.2.2", "552 sorry")).isEqualTo(BounceReason.MAILBOX_FULL);
        assertThat(reason("5.7.26", "550 see our postmaster page")).isEqualTo(BounceReason.AUTH_FAILURE);
    }

    @Test
    void anAmbiguousStatusAndSilentWordsAreOnHold() {
        assertThat(reason("5.7.1", "550 5.7.1 go away")).isEqualTo(BounceReason.ON_HOLD);
        assertThat(reason(null, "")).isEqualTo(BounceReason.ON_HOLD);
    }

    @Test
    void theNotificationTextIsTheLastResort() {
        assertThat(Classifier.reason(Optional.empty(), "", "The recipient's mailbox is full and cannot accept messages", false, true,
                Optional.empty())).isEqualTo(BounceReason.MAILBOX_FULL);
    }

    @Test
    void userUnknownInReplyToDataIsAFilterAndToMailFromIsAboutTheSender() {
        assertThat(Classifier.reason(Optional.empty(), "550 Unknown user", "", false, true, Optional.of("DATA")))
                .isEqualTo(BounceReason.FILTERED);
        assertThat(Classifier.reason(Optional.empty(), "550 Unknown user", "", false, true, Optional.of("MAIL")))
                .isEqualTo(BounceReason.REJECTED);
        assertThat(Classifier.reason(Optional.empty(), "550 Unknown user", "", false, true, Optional.of("RCPT")))
                .isEqualTo(BounceReason.USER_UNKNOWN);
        assertThat(Classifier.reason(status("5.1.1"), "550 5.1.1 Unknown user", "", false, true, Optional.of("DATA")))
                .as("an explicit 5.1.1 is believed").isEqualTo(BounceReason.USER_UNKNOWN);
    }

    @Test
    void aBlocklistNamedSpamhausIsABlockNotSpam() {
        assertThat(reason("5.7.1", "554 5.7.1 Client host [192.0.2.1] blocked using zen.spamhaus.org")).isEqualTo(BounceReason.BLOCKED);
        assertThat(reason("5.7.1", "550 5.7.1 Message rejected as spam")).isEqualTo(BounceReason.SPAM_DETECTED);
    }

    @Test
    void userUnknownUnderAPolicyStatusIsAFilter() {
        assertThat(reason("5.7.1", "550 5.7.1 550 User Unknown")).isEqualTo(BounceReason.FILTERED);
    }

    @Test
    void temporaryFailuresAreNotProofOfABadAddress() {
        assertThat(reason("4.4.3", "DNS Error: domain name not found")).isEqualTo(BounceReason.NETWORK_ERROR);
        assertThat(reason("5.1.2", "Host unknown")).isEqualTo(BounceReason.HOST_UNKNOWN);
        assertThat(Classifier.reason(status("4.4.1"), "connect to mx: Connection timed out", "", true, true, Optional.empty()))
                .as("given up").isEqualTo(BounceReason.EXPIRED);
        assertThat(Classifier.reason(status("4.4.1"), "connect to mx: Connection timed out", "", true, false, Optional.empty()))
                .as("still retrying").isEqualTo(BounceReason.NETWORK_ERROR);
    }

    @Test
    void sizeOverTheRecipientsLimitIsExceedLimit() {
        assertThat(reason("5.2.3", "552 5.2.3 Message size exceeds fixed maximum message size")).isEqualTo(BounceReason.EXCEED_LIMIT);
        assertThat(reason("5.3.4", "552 5.3.4 Message size exceeds fixed maximum message size")).isEqualTo(BounceReason.MESSAGE_TOO_BIG);
    }

    @Test
    void addressesAndLinksInAReplyAreNotWordsAboutIt() {
        assertThat(reason("5.2.1", "550 5.2.1 <filtered@example.jp>... User Unknown")).isEqualTo(BounceReason.USER_UNKNOWN);
        assertThat(reason("5.1.1", "550 5.1.1 User unknown. See https://example.net/reason/#blocked"))
                .isEqualTo(BounceReason.USER_UNKNOWN);
    }
}
