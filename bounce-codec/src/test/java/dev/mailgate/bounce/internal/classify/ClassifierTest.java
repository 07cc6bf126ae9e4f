package dev.mailgate.bounce.internal.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.bounce.internal.read.Replies;
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
                status != null && status.startsWith("4"), true, Optional.empty(), "", Replies.replyCode(diagnostic));
    }

    /** A permanent failure as a report gives it: status (or null), the reply, the notification, the command answered. */
    private static BounceReason failed(String status, String diagnostic, String context, String command) {
        return failedAt(status, diagnostic, context, command, "");
    }

    private static BounceReason failedAt(String status, String diagnostic, String context, String command, String remoteMta) {
        return Classifier.reason(status == null ? Optional.empty() : status(status), diagnostic, context, false, true,
                Optional.ofNullable(command), remoteMta, Replies.replyCode(diagnostic));
    }

    @Test
    void wordsWinOverAGenericOrMisusedStatus() {
        assertThat(reason("5.2.1", "550 5.2.1 <kijitora@example.jp>... User Unknown")).isEqualTo(BounceReason.USER_UNKNOWN);
        assertThat(reason("5.1.1", "550 5.1.1 <a@example.com> - 203.0.113.2 has sent to too many recipients this hour"))
                .isEqualTo(BounceReason.SPEEDING);
        assertThat(reason("5.1.1", "550 5.7.1 IP address blacklisted by recipient")).isEqualTo(BounceReason.BLOCKED);
    }

    @Test
    void batch3ReceiversCodeTablesAndTexts() {
        // Sophos Central Email's XGEMAIL codes, SFR's SFR_IN_xyz (last two digits), each receiver's published text
        assertThat(reason("5.7.1", "550 5.7.1 Message rejected (XGEMAIL_0010)")).isEqualTo(BounceReason.NO_RELAYING);
        assertThat(reason("5.1.1", "550 5.1.1 Message rejected (XGEMAIL_0011)")).isEqualTo(BounceReason.USER_UNKNOWN);
        assertThat(reason("4.7.1", "450 4.7.1 SFR_IN_101 Service refused due to bad behavior")).isEqualTo(BounceReason.BLOCKED);
        assertThat(reason("4.7.1", "450 4.7.1 SFR_IN_205 Service refused due to bad behavior")).isEqualTo(BounceReason.SPEEDING);
        assertThat(reason("4.2.1", "450 4.2.1 Peak SMTP relay limit exceeded for this customer.")).isEqualTo(BounceReason.SPEEDING);
        assertThat(reason("5.5.6", "554 5.5.6 Loop detection")).isEqualTo(BounceReason.NETWORK_ERROR);
        assertThat(reason("5.7.1", "530 5.7.1 Client was not authenticated")).isEqualTo(BounceReason.SECURITY_ERROR);
        assertThat(reason("5.7.0", "550 5.7.0 [SPF] 192.0.2.1 is not allowed to send mail from example.jp"))
                .isEqualTo(BounceReason.AUTH_FAILURE);
    }

    @Test
    void aDestinationMailboxStatusBeforeAnyRecipientIsAboutTheSender() {
        // Sendmail writes 5.1.3 for a 553 reply, also to MAIL FROM: no destination mailbox had been named
        assertThat(failed("5.1.3", "553 host denies the sender.", "", "MAIL")).isEqualTo(BounceReason.REJECTED);
        assertThat(failed("5.1.3", "553 5.1.3 <b@example.org>: bad address syntax", "", "RCPT")).isEqualTo(BounceReason.USER_UNKNOWN);
    }

    @Test
    void aSpecificStatusDecidesWhenTheWordsSayNothing() {
        assertThat(reason("5.1.1", "550 Requested action not taken")).isEqualTo(BounceReason.USER_UNKNOWN);
        assertThat(reason("5.2.2", "552 sorry")).isEqualTo(BounceReason.MAILBOX_FULL);
        assertThat(reason("5.7.26", "550 see our postmaster page")).isEqualTo(BounceReason.AUTH_FAILURE);
    }

    @Test
    void silentWordsAndNoStatusAreOnHold() {
        assertThat(reason(null, "")).isEqualTo(BounceReason.ON_HOLD);
        assertThat(reason("5.0.0", "550 go away")).isEqualTo(BounceReason.ON_HOLD);
    }

    @Test
    void silentWordsUnderASecurityOrMediaStatusSayThatClass() {
        assertThat(reason("5.7.1", "550 5.7.1 go away")).isEqualTo(BounceReason.SECURITY_ERROR);
        assertThat(reason("5.6.0", "554 5.6.0 go away")).isEqualTo(BounceReason.CONTENT_ERROR);
    }

    @Test
    void silentWordsTakeTheStageThatRefused() {
        assertThat(failed("5.0.0", "550 Rejected", "", "EHLO")).isEqualTo(BounceReason.BLOCKED);
        assertThat(failed("5.0.0", "550 Rejected", "", "CONNECT")).isEqualTo(BounceReason.BLOCKED);
        assertThat(failed("5.1.0", "553 5.1.0 neko.example.com E2110", "", "MAIL")).isEqualTo(BounceReason.REJECTED);
        assertThat(failed("5.0.0", "550 Rejected", "", "RCPT")).isEqualTo(BounceReason.ON_HOLD);
    }

    @Test
    void aMissingDomainAtTheGreetingIsOursAndAtMailFromTheSenders() {
        assertThat(failed("5.0.0", "501 5.0.0 Invalid domain name", "", "HELO")).isEqualTo(BounceReason.BLOCKED);
        assertThat(failed("5.0.0", "550 Domain does not exist", "", "MAIL")).isEqualTo(BounceReason.REJECTED);
        assertThat(failed("5.0.0", "550 Domain does not exist", "", "RCPT")).isEqualTo(BounceReason.HOST_UNKNOWN);
    }

    @Test
    void aSummaryWithoutReplyOrStatusIsNotProofOfAMissingMailbox() {
        assertThat(failed(null, "kijitora@example.org [User unknown]", "", null)).isEqualTo(BounceReason.FILTERED);
        assertThat(failed(null, "550 <kijitora@example.org>... User unknown", "", null)).as("the server's own reply")
                .isEqualTo(BounceReason.USER_UNKNOWN);
        assertThat(failed(null, "The recipient name is not recognized MSEXCH:IMS:EXAMPLE 0 (000C05A6) Unknown Recipient", "", null))
                .as("a store that looked in its directory").isEqualTo(BounceReason.USER_UNKNOWN);
        assertThat(failed(null, "Sorry, no mailbox here by that name.", "", null)).as("qmail's own lookup").isEqualTo(BounceReason.USER_UNKNOWN);
        assertThat(failed(null, "Unknown user: kijitora@example.jp", "", null)).as("IMail").isEqualTo(BounceReason.USER_UNKNOWN);
    }

    @Test
    void sendmailsServiceUnavailableDefersToTheMailersOwnLine() {
        assertThat(failed("5.5.0", "554 <kijitora@example.net>... Service unavailable",
                "----- Transcript of session follows ----- mail.local: unknown user: kijitora", null))
                .isEqualTo(BounceReason.USER_UNKNOWN);
        assertThat(failed("5.5.0", "554 <kijitora@example.net>... Service unavailable", "", null)).isEqualTo(BounceReason.SYSTEM_ERROR);
    }

    @Test
    void theNotificationTextIsTheLastResort() {
        assertThat(failed(null, "", "The recipient's mailbox is full and cannot accept messages", null))
                .isEqualTo(BounceReason.MAILBOX_FULL);
    }

    @Test
    void userUnknownInReplyToDataIsAFilterAndToMailFromIsAboutTheSender() {
        assertThat(failed(null, "550 Unknown user", "", "DATA")).isEqualTo(BounceReason.FILTERED);
        assertThat(failed(null, "550 Unknown user", "", "MAIL")).isEqualTo(BounceReason.REJECTED);
        assertThat(failed(null, "550 Unknown user", "", "RCPT")).isEqualTo(BounceReason.USER_UNKNOWN);
        assertThat(failed("5.1.1", "550 5.1.1 Unknown user", "", "DATA")).as("an explicit 5.1.1 is believed")
                .isEqualTo(BounceReason.USER_UNKNOWN);
        assertThat(failed(null, "550 Unknown user", "", "EHLO")).as("refused at the greeting").isEqualTo(BounceReason.BLOCKED);
    }

    @Test
    void aBlocklistNamedSpamhausIsABlockNotSpam() {
        assertThat(reason("5.7.1", "554 5.7.1 Client host [192.0.2.1] blocked using zen.spamhaus.org")).isEqualTo(BounceReason.BLOCKED);
        assertThat(reason("5.7.1", "550 5.7.1 Message rejected as spam")).isEqualTo(BounceReason.SPAM_DETECTED);
    }

    @Test
    void aLocalMailersExitTextGivesWayToAStatusThatStatesTheReason() {
        assertThat(failed("5.2.2", "X-Unix; input/output error", "", null)).isEqualTo(BounceReason.MAILBOX_FULL);
        assertThat(failed("5.3.0", "X-Unix; 255", "", null)).as("a status that says nothing").isEqualTo(BounceReason.MAILER_ERROR);
    }

    @Test
    void aRefusedTcpConnectionIsTheNetworkAndExpiresWhenGivenUp() {
        String refused = "connect to mx.example.org[192.0.2.7]:25: Connection refused";
        assertThat(Classifier.reason(status("4.4.1"), refused, "", true, false, Optional.empty(), "", java.util.OptionalInt.empty()))
                .isEqualTo(BounceReason.NETWORK_ERROR);
        assertThat(Classifier.reason(status("4.4.1"), refused, "", true, true, Optional.empty(), "", java.util.OptionalInt.empty()))
                .isEqualTo(BounceReason.EXPIRED);
        assertThat(reason("5.7.1", "550 5.7.1 Connection refused, your IP is on our blocklist")).as("a refusal in a reply")
                .isEqualTo(BounceReason.BLOCKED);
    }

    @Test
    void theMtasOwnMessagesAreKnownByTheirWords() {
        // Exim's and qmail's messages from their sources (as sisimai's Lhost tables list them)
        assertThat(failed(null, "all host address lookups failed permanently", "", null)).isEqualTo(BounceReason.HOST_UNKNOWN);
        assertThat(failed(null, "an MX or SRV record indicated no SMTP service", "", null)).isEqualTo(BounceReason.NOT_ACCEPT);
        assertThat(failed(null, "malformed address: <x may not follow <a@b>", "", null)).isEqualTo(BounceReason.SYNTAX_ERROR);
        assertThat(failed(null, "Too many \"Received\" headers - suspected mail loop", "", null)).isEqualTo(BounceReason.CONTENT_ERROR);
        assertThat(failed(null, "error: quota exceed", "", null)).isEqualTo(BounceReason.MAILBOX_FULL);
        assertThat(failed(null, "Sorry, I couldn't find a mail exchanger or IP address. (#5.4.4)", "", null))
                .isEqualTo(BounceReason.NETWORK_ERROR);
        assertThat(failed(null, "DNS Error: Could not contact DNS servers", "", null)).as("Gmail").isEqualTo(BounceReason.EXPIRED);
        assertThat(failed(null, "kijitora@example.jp non répertorié dans l'annuaire Domino", "", null)).as("Domino, French")
                .isEqualTo(BounceReason.USER_UNKNOWN);
        assertThat(failed(null, "Cannot route mail to user (kijitora@example.jp)", "", null)).isEqualTo(BounceReason.FILTERED);
    }

    @Test
    void receivingHostsWithPublishedCodesAreReadByTheirTables() {
        assertThat(failed("5.2.0", "550 5.2.0 Mail rejete. Mail rejected. ofr_506 [506]", "", null)).isEqualTo(BounceReason.SPAM_DETECTED);
        assertThat(failed("4.2.0", "421 4.2.0 Service refuse. Service refused, please try later. OFR005_505 [505]", "", null))
                .isEqualTo(BounceReason.SYSTEM_ERROR);
        assertThat(failed("5.7.1", "554 5.7.1 <host[192.0.2.1]:49309>: Client host rejected: #216 lpn LPN000_630", "", null))
                .as("the code beats the words").isEqualTo(BounceReason.POLICY_VIOLATION);
        assertThat(failed("5.1.0", "550 5.1.0 <x@example.com> sender rejected. AUP#In-1310", "", null))
                .isEqualTo(BounceReason.TOO_MANY_CONNECTIONS);
        assertThat(failed("5.1.0", "550 5.1.0 sender rejected. AUP#CXBL-1000", "", null)).isEqualTo(BounceReason.BLOCKED);
        assertThat(failedAt("5.0.0", "554 email rejected due to security policies - MCSpamSignature.sa.2.2", "", null,
                "service222.mimecast.com")).isEqualTo(BounceReason.VIRUS_DETECTED);
        assertThat(failed("5.0.0", "554 email rejected due to security policies - MCSpamSignature.sa.2.2", "", null))
                .as("the same words from another host").isEqualTo(BounceReason.SPAM_DETECTED);
        assertThat(failedAt("5.0.0", "550 Unknown user kijitora@docomo.example.ne.jp", "", "DATA", "mfsmax.docomo.ne.jp"))
                .as("docomo's sender filter answers after DATA").isEqualTo(BounceReason.REJECTED);
        assertThat(failedAt("5.1.1", "550 Unknown user kijitora@docomo.example.ne.jp", "", "RCPT", "mfsmax.docomo.ne.jp"))
                .isEqualTo(BounceReason.USER_UNKNOWN);
    }

    @Test
    void userUnknownUnderAPolicyStatusIsAFilter() {
        assertThat(reason("5.7.1", "550 5.7.1 550 User Unknown")).isEqualTo(BounceReason.FILTERED);
    }

    @Test
    void temporaryFailuresAreNotProofOfABadAddress() {
        assertThat(reason("4.4.3", "DNS Error: domain name not found")).isEqualTo(BounceReason.NETWORK_ERROR);
        assertThat(reason("5.1.2", "Host unknown")).isEqualTo(BounceReason.HOST_UNKNOWN);
        assertThat(Classifier.reason(status("4.4.1"), "connect to mx: Connection timed out", "", true, true, Optional.empty(), "",
                java.util.OptionalInt.empty())).as("given up").isEqualTo(BounceReason.EXPIRED);
        assertThat(Classifier.reason(status("4.4.1"), "connect to mx: Connection timed out", "", true, false, Optional.empty(), "",
                java.util.OptionalInt.empty())).as("still retrying").isEqualTo(BounceReason.NETWORK_ERROR);
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

    /** Issue 17's known misses on genuine Exim and Postfix bounces: structure first, then published texts. */
    @Test
    void authenticationCodesDecideBeforeTheirBroadWords() {
        assertThat(reason("5.7.26", "550-5.7.26 This mail has been blocked because the sender is unauthenticated.")).isEqualTo(BounceReason.AUTH_FAILURE);
        assertThat(reason("5.7.25", "550 5.7.25 The IP address sending this message does not have a PTR record setup")).isEqualTo(BounceReason.REQUIRE_PTR);
    }

    @Test
    void aRecipientNotFoundUnder5110IsAnUnknownUserAndANullMxIsNot() {
        assertThat(reason("5.1.10", "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient a@b.example not found by SMTP address lookup"))
                .isEqualTo(BounceReason.USER_UNKNOWN);
        assertThat(reason("5.1.10", "Domain b.example does not accept mail (nullMX)")).isEqualTo(BounceReason.NOT_ACCEPT);
        assertThat(failed(null, "554 5.3.2 mx.example No SMTP service here", "", "CONNECT")).isEqualTo(BounceReason.NOT_ACCEPT);
    }

    @Test
    void aFilterNamedInA571TextIsFilteredNotSecurity() {
        assertThat(failed("5.7.1", "550 5.7.1 Message rejected by the recipient's content filter rules", "", "DATA"))
                .isEqualTo(BounceReason.FILTERED);
    }

    @Test
    void eximsLocalDeliveryAgentSaysTheMailboxIsMissing() {
        assertThat(failed("5.0.0", "a@b.example local delivery failed The following text was generated during the delivery attempt: "
                + "------ pipe to |/usr/bin/deliver generated by a@b.example ------ Unknown user a", "", null)).isEqualTo(BounceReason.USER_UNKNOWN);
    }

    @Test
    void aReplyEximGaveUpOnKeepsItsReasonAndNoReplyIsExpired() {
        assertThat(reason("4.2.2", "452-4.2.2 The recipient's inbox is out of storage space.: retry timeout exceeded")).isEqualTo(BounceReason.MAILBOX_FULL);
        assertThat(reason("4.7.1", "421 4.7.1 Messages to a@b.example deferred due to excessive volume: retry timeout exceeded"))
                .isEqualTo(BounceReason.SPEEDING);
        assertThat(reason(null, "retry timeout exceeded")).isEqualTo(BounceReason.EXPIRED);
    }
}
