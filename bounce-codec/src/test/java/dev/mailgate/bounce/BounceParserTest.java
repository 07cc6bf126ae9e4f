package dev.mailgate.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.bounce.verp.Verp;
import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.event.BounceClass;
import dev.mailgate.core.event.BounceReason;
import dev.mailgate.core.event.EventType;
import dev.mailgate.core.event.MailEvent;
import dev.mailgate.core.limits.InputLimits;
import dev.mailgate.core.transport.EnhancedStatusCode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BounceParserTest {
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private final BounceParser parser = BounceParser.create();

    @Test
    void oneReportManyRecipientsEachWithItsOwnVerdict() throws IOException {
        BounceReport report = parser.parse(fixture("multi-recipient-dsn.eml"));

        assertThat(report.format()).isEqualTo(ReportFormat.DELIVERY_STATUS);
        assertThat(report.recipients()).extracting(BounceRecipient::recipient)
                .containsExactly("gone@example.org", "full@example.org", "happy@example.org");
        assertThat(report.recipients()).extracting(BounceRecipient::verdict)
                .containsExactly(Verdict.HARD, Verdict.SOFT, Verdict.DELIVERED);
        assertThat(report.recipients()).extracting(BounceRecipient::reason)
                .containsExactly(Optional.of(BounceReason.USER_UNKNOWN), Optional.of(BounceReason.MAILBOX_FULL), Optional.empty());
        assertThat(report.recipients()).extracting(BounceRecipient::reasonId).containsExactly("userunknown", "mailboxfull", "delivered");
        BounceRecipient gone = report.recipients().get(0);
        assertThat(gone.status()).contains(EnhancedStatusCode.parse("5.1.1"));
        assertThat(gone.replyCode()).hasValue(550);
        assertThat(gone.remoteMta()).contains("mx.example.org");
        assertThat(gone.reportingMta()).contains("relay.example.net");
        assertThat(report.original().messageId()).contains("news-2026-11@example.com");
        assertThat(report.original().envelopeId()).contains("env-7");
        assertThat(report.original().header("Subject")).contains("November news");
    }

    @Test
    void eventsCarryWhatTiesThemToTheSend() throws IOException {
        List<MailEvent> events = parser.parse(fixture("multi-recipient-dsn.eml")).toEvents(NOW);

        assertThat(events).extracting(MailEvent::type).containsExactly(EventType.BOUNCED, EventType.BOUNCED, EventType.DELIVERED);
        MailEvent.Bounced hard = (MailEvent.Bounced) events.get(0);
        assertThat(hard.bounceClass()).isEqualTo(BounceClass.HARD);
        assertThat(hard.recipient()).contains(EmailAddress.parse("gone@example.org"));
        assertThat(hard.details().messageId()).contains("news-2026-11@example.com");
        assertThat(hard.details().metadata()).containsEntry("envelopeId", "env-7");
        assertThat(hard.details().eventId()).contains("multi-1@relay.example.net/gone@example.org");
        assertThat(hard.details().rawPayload()).startsWith("Return-Path: <>");
        assertThat(((MailEvent.Bounced) events.get(1)).bounceClass()).isEqualTo(BounceClass.SOFT);
    }

    @Test
    void delayedIsADeferredSoftFailure() throws IOException {
        BounceReport report = parser.parse(fixture("delayed-dsn.eml"));

        BounceRecipient slow = report.recipients().get(0);
        assertThat(slow.action()).contains("delayed");
        assertThat(slow.isTransient()).isTrue();
        assertThat(slow.verdict()).isEqualTo(Verdict.SOFT);
        assertThat(slow.reason()).as("still retrying: not expired").contains(BounceReason.NETWORK_ERROR);
        assertThat(report.original().messageId()).contains("news-2026-11.slow@example.com");
        assertThat(report.original().header("X-Campaign")).contains("nov-2026");
        assertThat(report.toEvents(NOW)).singleElement().extracting(MailEvent::type).isEqualTo(EventType.DEFERRED);
    }

    @Test
    void aBounceThatNamesNobodyIsAttributedByItsVerpReturnPath() throws IOException {
        byte[] raw = fixture("verp-no-recipient-in-body.eml");
        assertThat(parser.parse(raw).recipients()).as("without VERP").isEmpty();

        Verp verp = Verp.addressBased("bounces", "mta.example.com", "test-secret-0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        BounceReport report = parser.withVerp(verp).parse(raw);
        assertThat(report.recipients()).singleElement().satisfies(r -> {
            assertThat(r.recipient()).isEqualTo("jane@example.org");
            assertThat(r.verdict()).isEqualTo(Verdict.HARD);
        });

        byte[] forged = new String(raw, StandardCharsets.ISO_8859_1).replace("jane=", "john=").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(parser.withVerp(verp).parse(forged).recipients()).as("forged return path").isEmpty();
    }

    @Test
    void truncatedMimeStillYieldsWhatItSays() throws IOException {
        BounceReport report = parser.parse(fixture("truncated-multipart.eml"));
        assertThat(report.recipients()).singleElement().satisfies(r -> {
            assertThat(r.recipient()).isEqualTo("lost@example.org");
            assertThat(r.reason()).contains(BounceReason.USER_UNKNOWN);
        });
    }

    @Test
    void aFilteringGatewaysUserUnknownIsItsFilterNotABadAddress() throws IOException {
        BounceRecipient r = parser.parse(fixture("gateway-user-unknown.eml")).recipients().get(0);
        assertThat(r.reason()).contains(BounceReason.FILTERED);
        assertThat(r.verdict()).as("a good address must not be suppressed").isEqualTo(Verdict.SOFT);
    }

    @Test
    void garbageIsKeptAndSaysWhy() throws IOException {
        byte[] raw = fixture("binary-garbage.eml");
        BounceReport report = parser.parse(raw);
        assertThat(report.format()).isEqualTo(ReportFormat.NOT_RECOGNIZED);
        assertThat(report.problem()).contains("not a bounce, complaint or auto-reply");
        assertThat(report.raw()).isEqualTo(raw);
        assertThat(report.toEvents(NOW)).singleElement().satisfies(e -> {
            assertThat(e).isInstanceOf(MailEvent.Unknown.class);
            assertThat(((MailEvent.Unknown) e).kind()).isEqualTo("bounce-unrecognized");
            assertThat(e.details().metadata()).containsEntry("problem", "not a bounce, complaint or auto-reply");
        });
    }

    @Test
    void aReplyFromAPersonIsNotABounce() throws IOException {
        BounceReport report = parser.parse(fixture("newsletter-reply.eml"));
        assertThat(report.format()).isEqualTo(ReportFormat.NOT_RECOGNIZED);
        assertThat(report.recipients()).isEmpty();
    }

    @Test
    void sizeLimitIsAReportNotAnException() {
        byte[] big = new byte[2048];
        BounceReport report = parser.withLimits(InputLimits.builder().maxMessageBytes(1024).build()).parse(new ByteArrayInputStream(big));
        // read up to the bound plus one octet, which is enough to know it is over
        assertThat(report.problem()).hasValueSatisfying(p -> assertThat(p).contains("message length (1025) exceeds the maximum (1024, InputLimits.maxMessageBytes)"));
        assertThat(report.raw()).hasSize(1025);
    }

    @Test
    void emptyAndHeaderOnlyInput() {
        assertThat(parser.parse(new byte[0]).format()).isEqualTo(ReportFormat.NOT_RECOGNIZED);
        assertThat(parser.parse("Subject: x".getBytes(StandardCharsets.US_ASCII)).format()).isEqualTo(ReportFormat.NOT_RECOGNIZED);
    }

    @Test
    void aMailingListsRefusalOfAPostIsARejectionOfTheSenderForTheList() throws IOException {
        BounceReport report = parser.parse(sample("lhost-fml-02.eml"));

        assertThat(report.recipients()).singleElement().satisfies(r -> {
            assertThat(r.recipient()).isEqualTo("neko-nyaan@example.org");
            assertThat(r.verdict()).isEqualTo(Verdict.SOFT);
            assertThat(r.reason()).contains(BounceReason.REJECTED);
            assertThat(r.diagnostic()).contains("not a member of this mailing list");
        });
    }

    @Test
    void anAutoReplyThatTheMailboxIsAbandonedIsASuspendedMailboxNotAVacation() throws IOException {
        BounceReport abandoned = parser.parse(sample("rfc3834-06.eml"));
        assertThat(abandoned.recipients()).singleElement().satisfies(r -> {
            assertThat(r.verdict()).isEqualTo(Verdict.SOFT);
            assertThat(r.reason()).contains(BounceReason.SUSPEND);
        });

        BounceReport vacation = parser.parse(sample("rfc3834-02.eml"));
        assertThat(vacation.recipients()).singleElement().satisfies(r -> {
            assertThat(r.verdict()).isEqualTo(Verdict.AUTO_REPLY);
            assertThat(r.reason()).as("an auto-reply is not a failure").isEmpty();
            assertThat(r.reasonId()).isEqualTo("vacation");
        });
    }

    @Test
    void aFailedAddressIsTheRecipientEvenWhenItIsAlsoTheSender() throws IOException {
        // a test message sent to oneself: 1&1 lists the address under "The following address(es) failed:"
        BounceReport report = parser.parse(sample("lhost-einsundeins-03.eml"));

        assertThat(report.recipients()).extracting(BounceRecipient::recipient).containsExactly("xxxx@xxxx.fr");
        assertThat(report.recipients().get(0).reason()).as("Orange's code 506").contains(BounceReason.SPAM_DETECTED);
    }

    @Test
    void aDeliveryToAFileIsAttributedToTheAddressItWasGeneratedBy() throws IOException {
        BounceReport report = parser.parse(sample("lhost-exim-60.eml"));

        assertThat(report.recipients()).singleElement().satisfies(r -> {
            assertThat(r.recipient()).isEqualTo("nyaan%gol.com@q002.kijitora.gol.com");
            assertThat(r.reason()).as("mailbox is full: retry timeout exceeded").contains(BounceReason.MAILBOX_FULL);
        });
    }

    @Test
    void aRelaysSummaryCodeGivesWayToTheReceiversOwn() throws IOException {
        // Amazon SES: "5.1.0 - Unknown address error 550-'5.2.2 <kijitora@example.jp>... Mailbox Full'"
        BounceRecipient r = parser.parse(sample("lhost-amazonses-03.eml")).recipients().get(0);

        assertThat(r.status()).contains(EnhancedStatusCode.parse("5.2.2"));
        assertThat(r.reason()).contains(BounceReason.MAILBOX_FULL);
    }

    @Test
    void hostileLinesCostLinearTime() {
        // a list manager's notice with a 2 MB line that never says the words, and status lines packed with '@': no
        // regex may backtrack quadratically over them (a hang guard, not a performance target)
        String longSentence = "List-Id: <news.example.org>\r\nFrom: news-owner@example.org\r\nSubject: x\r\n\r\n"
                + "x ".repeat(1_000_000) + "you may not post\r\n";
        String ats = "From: MAILER-DAEMON@example.org\r\nSubject: Returned mail: see transcript for details\r\n\r\n"
                + "----- The following addresses had permanent fatal errors -----\r\n<a@example.org>\r\n"
                + ("550 " + "a@".repeat(100_000) + "\r\n").repeat(3) + "554 <a@example.org>... User unknown\r\n";
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () -> {
            assertThat(parser.parse(longSentence.getBytes(StandardCharsets.US_ASCII)).format()).isEqualTo(ReportFormat.NOT_RECOGNIZED);
            BounceReport report = parser.parse(ats.getBytes(StandardCharsets.US_ASCII));
            assertThat(report.recipients()).extracting(BounceRecipient::recipient).contains("a@example.org");
        });
    }

    /** A message of the sample corpus (sisimai's set-of-emails, real formats). */
    static byte[] sample(String name) throws IOException {
        return resource("/bounce-samples/emails/" + name);
    }

    static byte[] fixture(String name) throws IOException {
        return resource("/bounces/" + name);
    }

    private static byte[] resource(String path) throws IOException {
        try (InputStream in = BounceParserTest.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return in.readAllBytes();
        }
    }
}
