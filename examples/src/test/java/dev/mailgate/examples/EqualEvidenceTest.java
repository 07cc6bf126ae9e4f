package dev.mailgate.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.bounce.BounceClassifier;
import dev.mailgate.bounce.BounceParser;
import dev.mailgate.bounce.BounceRecipient;
import dev.mailgate.cloudmailin.webhook.CloudMailinWebhookCodec;
import dev.mailgate.core.event.BounceClass;
import dev.mailgate.core.event.Diagnostic;
import dev.mailgate.core.event.MailEvent;
import dev.mailgate.core.transport.EnhancedStatusCode;
import dev.mailgate.suppression.EventClass;
import dev.mailgate.suppression.SuppressionPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 17: the same evidence counts the same whether it came as a bounce mail (RFC 3464 report read by
 * bounce-codec), as a provider webhook (CloudMailin's JSON) or straight from a provider's diagnostic
 * ({@link BounceClassifier#judgment}): one class, one reason, one count in the suppression policy. Each row of
 * {@code equal-evidence/cases.tsv} is a case with its expected result.
 */
class EqualEvidenceTest {
    private static final Instant NOW = Instant.parse("2026-12-03T06:00:00Z");

    record Case(String status, String reply, BounceClass bounceClass, BounceClass counted, String reason) {
        @Override
        public String toString() {
            return status + " " + reply;
        }
    }

    static Stream<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        try (InputStream in = EqualEvidenceTest.class.getResourceAsStream("/equal-evidence/cases.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] c = line.split("\t", -1);
                out.add(new Case(c[0], c[1], BounceClass.valueOf(c[2]), BounceClass.valueOf(c[3]), c[4]));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aBounceMailAWebhookAndADiagnosticGiveOneVerdict(Case c) {
        MailEvent fromMail = single(BounceParser.create().parse(dsn(c)).toEvents(NOW));
        MailEvent fromWebhook = single(new CloudMailinWebhookCodec().decode(webhook(c), NOW));
        Diagnostic diagnostic = new Diagnostic(Optional.of(EnhancedStatusCode.parse(c.status)), OptionalInt.empty(), c.reply, Optional.empty());
        var judged = BounceClassifier.judgment(diagnostic, BounceClass.UNDETERMINED);

        for (MailEvent e : List.of(fromMail, fromWebhook)) {
            assertThat(e).as(e.details().provider()).isInstanceOf(MailEvent.Bounced.class);
            MailEvent.Bounced b = (MailEvent.Bounced) e;
            assertThat(b.bounceClass()).as(e.details().provider() + " class").isEqualTo(c.bounceClass);
            assertThat(b.reason().id()).as(e.details().provider() + " reason").isEqualTo(c.reason);
        }
        assertThat(judged.bounceClass()).as("judgment").isEqualTo(c.bounceClass);
        assertThat(judged.reason().id()).as("judgment reason").isEqualTo(c.reason);
        assertThat(judged.counted()).isEqualTo(c.counted);

        Optional<EventClass> counted = SuppressionPolicy.classOf(fromMail);
        assertThat(SuppressionPolicy.classOf(fromWebhook)).as("the policy counts both the same").isEqualTo(counted);
        if (judged.side() == dev.mailgate.core.event.FailureSide.RECIPIENT) {
            assertThat(counted).contains(c.counted == BounceClass.HARD ? EventClass.HARD : EventClass.SOFT);
        } else {
            assertThat(counted).as("a failure aimed at the sender counts toward no address").isEmpty();
        }
        BounceRecipient row = BounceParser.create().parse(dsn(c)).recipients().get(0);
        assertThat(row.verdict().bounceClass()).as("the CLI's class column").contains(c.bounceClass);
    }

    private static MailEvent single(List<MailEvent> events) {
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    /** A minimal RFC 3464 report of the evidence, as Postfix writes one. */
    private static byte[] dsn(Case c) {
        String mail = String.join("\r\n",
                "From: MAILER-DAEMON@relay.example.net",
                "To: news@example.com",
                "Subject: Undelivered Mail Returned to Sender",
                "Message-ID: <dsn-1@relay.example.net>",
                "MIME-Version: 1.0",
                "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"",
                "",
                "--b",
                "Content-Type: text/plain",
                "",
                "This is the mail system at host relay.example.net.",
                "",
                "--b",
                "Content-Type: message/delivery-status",
                "",
                "Reporting-MTA: dns; relay.example.net",
                "",
                "Final-Recipient: rfc822; kijitora@example.org",
                "Action: failed",
                "Status: " + c.status,
                "Diagnostic-Code: smtp; " + c.reply,
                "",
                "--b--",
                "");
        return mail.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] webhook(Case c) {
        String json = "{\"events\":[{\"kind\":\"bounce\",\"recipient\":\"kijitora@example.org\",\"message_id\":\"m-1\","
                + "\"details\":{\"status\":\"" + c.status + "\",\"response\":\"" + c.reply.replace("\"", "\\\"") + "\"}}]}";
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
