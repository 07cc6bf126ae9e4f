package dev.mailgate.examples;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import dev.mailgate.bounce.BounceParser;
import dev.mailgate.bounce.BounceRecipient;
import dev.mailgate.bounce.mailbox.BounceMailboxPoller;
import dev.mailgate.bounce.mailbox.ImapBounceConfig;
import dev.mailgate.bounce.mailbox.ImapSecurity;
import dev.mailgate.bounce.mailbox.PollResult;
import dev.mailgate.bounce.mailbox.ProcessedMessages;
import dev.mailgate.cloudmailin.webhook.CloudMailinWebhookCodec;
import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.event.BounceClass;
import dev.mailgate.core.event.BounceReason;
import dev.mailgate.core.event.Diagnostic;
import dev.mailgate.core.event.EventDetails;
import dev.mailgate.core.event.MailEvent;
import dev.mailgate.core.message.Attachment;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.suppression.SuppressionList;
import dev.mailgate.core.transport.RecipientOutcome;
import dev.mailgate.core.transport.SendResult;
import dev.mailgate.core.transport.ServerRejectedException;
import dev.mailgate.core.validation.CoreRules;
import dev.mailgate.core.validation.MessageValidator;
import dev.mailgate.core.validation.Violation;
import dev.mailgate.core.webhook.BasicAuthenticator;
import dev.mailgate.core.webhook.WebhookHandler;
import dev.mailgate.smtp.SmtpConfig;
import dev.mailgate.smtp.SmtpTransport;
import dev.mailgate.smtp.callback.GenericSmtpCallbackCodec;
import dev.mailgate.suppression.ExclusionPolicy;
import dev.mailgate.suppression.SuppressionFilter;
import dev.mailgate.suppression.SuppressionPolicy;
import dev.mailgate.suppression.Suppressions;
import dev.mailgate.suppression.callback.CallbackPublisher;
import dev.mailgate.suppression.store.JdbcSuppressionStore;
import dev.mailgate.suppression.unsubscribe.OneClickEndpoint;
import dev.mailgate.suppression.unsubscribe.UnsubscribeTokens;
import dev.mailgate.testing.smtp.ServerAction;
import dev.mailgate.testing.smtp.TestCertificates;
import dev.mailgate.testing.smtp.TestSmtpServer;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The demo the README runs: the whole life of a newsletter on embedded servers only (an SMTP server with STARTTLS
 * and AUTH, GreenMail's IMAP as the bounce mailbox, the JDK HTTP server for the webhook, the one-click unsubscribe
 * endpoint and the platform's callback URL, and an H2 file as the suppression store).
 * <ol>
 *   <li>validate the batch (a deliberately broken message shows every violation at once);</li>
 *   <li>send it through the pooled transport with a daily quota, through the suppression filter;</li>
 *   <li>bounces come back: real-format DSNs (hard, soft three times for one reader, a complaint, an auto-reply) in the
 *       IMAP box, which the poller classifies; a CloudMailin webhook POST; a 550 at RCPT TO;</li>
 *   <li>the suppression store changes (listeners print why), a reader unsubscribes with a one-click token for this
 *       campaign, and the callback publisher POSTs the bounces and the unsubscribe in the generic SMTP JSON;</li>
 *   <li>the same newsletter is sent again and skips the suppressed and unsubscribed;</li>
 *   <li>a summary table, whose numbers {@code DemoTest} asserts.</li>
 * </ol>
 */
public final class Demo {
    static final String CAMPAIGN = "nov-2026";
    static final int READERS = 300;

    /** The numbers the demo prints last; its test asserts them. */
    public record Summary(int validated, int violations, int sent, int accepted, int rejectedAtRcpt, int bouncedHard,
                          int bouncedSoft, int complaints, int autoReplies, int suppressed, int unsubscribed,
                          int callbackDeliveries, int callbackEvents, int secondSendAccepted, int secondSendSkipped) {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    public static Summary run(PrintStream out) throws Exception {
        Path dir = Files.createTempDirectory("mailgate-demo");
        GreenMail imap = new GreenMail(ServerSetupTest.IMAP.dynamicPort());
        imap.withConfiguration(GreenMailConfiguration.aConfig().withUser("bounces@example.com", "bounces", "imap-secret"));
        imap.start();
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger callbackDeliveries = new AtomicInteger();
        AtomicInteger callbackEvents = new AtomicInteger();
        try (TestSmtpServer smtp = TestSmtpServer.builder().startTls(TestCertificates.localhostServer())
                .auth("newsletter@example.com", "demo-password")
                .on("RCPT TO:<reader13@", ServerAction.reply("550 5.1.1 <reader13@example.org>: Recipient address rejected: User unknown"))
                .build().start();
             JdbcSuppressionStore store = JdbcSuppressionStore.open("jdbc:h2:file:" + dir.resolve("suppressions"))) {

            // The platform's side of the generic SMTP integration: it receives the bounce/unsubscribe callback JSON.
            GenericSmtpCallbackCodec callbackFormat = new GenericSmtpCallbackCodec();
            http.createContext("/platform/callback", exchange -> {
                try (exchange; InputStream in = exchange.getRequestBody()) {
                    List<MailEvent> events = callbackFormat.decode(in.readAllBytes(), Instant.now());
                    callbackDeliveries.incrementAndGet();
                    callbackEvents.addAndGet(events.size());
                    exchange.sendResponseHeaders(200, -1);
                }
            });
            http.start();
            String base = "http://127.0.0.1:" + http.getAddress().getPort();
            // The outbox is keyed by the destination's name, so a new URL picks up what waits.
            CallbackPublisher publisher = CallbackPublisher.builder(URI.create(base + "/platform/callback"), callbackFormat, store)
                    .destination("platform").build();

            // The seeds' rules as settings. The generic SMTP integration's seed: "Hard bounces ... the users are marked
            // as unsubscribed" is hardBounceUnsubscribes(true); this demo keeps the CRM seed's suppressed list (false, the
            // default). The CRM seed's bounce threshold: 3 soft bounces within a sliding 30 days make an address
            // unreachable. Its "Address exclusion policy": CAMPAIGN (those who left this campaign, and global
            // unsubscribes) or GLOBAL (anyone who unsubscribed anywhere).
            SuppressionPolicy policy = SuppressionPolicy.builder()
                    .hardBounceUnsubscribes(false)
                    .softBounceThreshold(3, Duration.ofDays(30))
                    .build();
            ExclusionPolicy exclusion = ExclusionPolicy.CAMPAIGN;
            Suppressions suppressions = new Suppressions(store, policy);
            // Blocks and throttles aimed at us (our IP on a blocklist, a rate limit, DMARC) count toward no address.
            suppressions.addSenderSignalListener(signal -> out.println("   sender-side: " + signal.reason().id() + " from "
                    + signal.recipientDomain().orElse("?") + " (fix the sending, not the list)"));
            suppressions.addListener(change -> {
                out.println("   listener: " + (change.added() ? "+ " : "- ") + change.list() + change.campaign().map(c -> " (" + c + ")").orElse("")
                        + " " + change.address().address() + ": " + change.reason());
                if (change.list() == SuppressionList.UNSUBSCRIBED) {
                    change.cause().ifPresent(e -> publisher.publish(List.of(e)));
                }
            });

            SmtpConfig config = SmtpConfig.builder("localhost").port(smtp.port()).sslContext(TestCertificates.trustingClient())
                    .credentials("newsletter@example.com", "demo-password").maxPerDay(1_000).maxConnections(4).build();
            UnsubscribeTokens tokens = UnsubscribeTokens.of("2026-11", "demo-unsubscribe-key-of-32-bytes!!".getBytes(StandardCharsets.US_ASCII));
            List<EmailMessage> newsletter = new ArrayList<>();
            for (int i = 1; i <= READERS; i++) {
                newsletter.add(newsletter(EmailAddress.of("Reader " + i, "reader" + i + "@example.org"), tokens));
            }

            // 1. Validate
            List<EmailMessage> batch = new ArrayList<>(newsletter);
            batch.add(EmailMessage.builder().subject("Broken on purpose").text("x".repeat(400_000)).build());
            out.println("1. Validating " + batch.size() + " messages against the SMTP provider's rules (core rules, 300 KB limit)");
            MessageValidator validator = MessageValidator.of(CoreRules.defaults()).and(List.of(CoreRules.maxSize(300 * 1024)));
            int violations = 0;
            for (EmailMessage m : batch) {
                List<Violation> found = validator.validate(m);
                if (!found.isEmpty()) {
                    violations += found.size();
                    out.println("   \"" + m.subject().orElse("") + "\" is refused, every problem at once:");
                    found.forEach(v -> out.println("     - " + v));
                }
            }

            // 2. Send
            out.println("2. Sending " + newsletter.size() + " over SMTP (STARTTLS, AUTH, 4 pooled connections, pipelining; quota 1,000 a day)");
            List<MailEvent> rcptRejects = new ArrayList<>();
            int[] first;
            try (SmtpTransport transport = SmtpTransport.create(config)) {
                first = send(new SuppressionFilter(transport, suppressions, exclusion), newsletter, rcptRejects, out);
                out.println("   accepted " + first[0] + ", refused at RCPT TO " + first[1] + "; " + transport.sentToday() + " of today's quota used");
            }

            // 3. Bounces and feedback come back
            out.println("3. Bounces and feedback come back");
            suppressions.ingestAll(rcptRejects);
            publisher.publish(rcptRejects);
            String[][] mail = {
                {"dsn-hard.eml", "reader3"}, {"dsn-hard.eml", "reader4"},
                {"dsn-soft.eml", "reader7"}, {"dsn-soft.eml", "reader7"}, {"dsn-soft.eml", "reader7"}, {"dsn-soft.eml", "reader8"},
                {"arf-complaint.eml", "reader9"}, {"auto-reply.eml", "reader10"}};
            for (int i = 0; i < mail.length; i++) {
                deliverBounce(imap, mail[i][0], mail[i][1] + "@example.org", "bounce-" + i);
            }
            int[] classes = new int[4]; // hard, soft, complaint, auto-reply
            ImapBounceConfig mailbox = ImapBounceConfig.builder("127.0.0.1").port(imap.getImap().getPort()).security(ImapSecurity.NONE)
                    .allowPlaintext(true).credentials("bounces", "imap-secret").build();
            try (BounceMailboxPoller poller = BounceMailboxPoller.create(mailbox, BounceParser.create(), (report, events) -> {
                for (BounceRecipient r : report.recipients()) {
                    out.println("   bounce mailbox: " + r.recipient() + " -> " + r.verdict().id() + " / " + r.reasonId()
                            + r.status().map(s -> " / " + s).orElse(""));
                    switch (r.verdict()) {
                        case HARD -> classes[0]++;
                        case SOFT -> classes[1]++;
                        case COMPLAINT -> classes[2]++;
                        case AUTO_REPLY -> classes[3]++;
                        default -> { }
                    }
                }
                suppressions.ingestAll(events);
                publisher.publish(events);
            }, ProcessedMessages.inMemory())) {
                PollResult pass = poller.pollOnce();
                out.println("   poller: " + pass.seen() + " mails seen, " + pass.handled() + " handled, moved to Mailgate/Processed");
            }
            HttpServer webhook = CloudMailinExample.mount(WebhookHandler.builder(new CloudMailinWebhookCodec())
                    .authenticator(BasicAuthenticator.of("cloudmailin", "webhook-secret")).listener(events -> {
                        suppressions.ingestAll(events);
                        publisher.publish(events);
                    }).build(), "/webhooks/cloudmailin");
            HttpClient client = HttpClient.newHttpClient();
            String payload = "{\"events\":[{\"kind\":\"bounce\",\"recipient\":\"reader21@example.org\",\"message_id\":\"cm-1\","
                    + "\"details\":{\"response\":\"550 5.1.1 The email account that you tried to reach does not exist\",\"status\":\"5.1.1\"}}]}";
            int status = post(client, URI.create("http://127.0.0.1:" + webhook.getAddress().getPort() + "/webhooks/cloudmailin"),
                    "Basic " + Base64.getEncoder().encodeToString("cloudmailin:webhook-secret".getBytes(StandardCharsets.UTF_8)), payload);
            out.println("   CloudMailin webhook POST (a hard bounce for reader21): HTTP " + status);
            classes[0]++;
            webhook.stop(0);

            // 4. A reader unsubscribes from this campaign with the one-click link (RFC 8058)
            OneClickEndpoint oneClick = new OneClickEndpoint(tokens, suppressions, Clock.systemUTC());
            http.createContext("/unsubscribe", exchange -> {
                try (exchange; InputStream in = exchange.getRequestBody()) {
                    OneClickEndpoint.Result r = oneClick.handle(exchange.getRequestMethod(), exchange.getRequestURI(), in.readAllBytes());
                    byte[] text = r.message().getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(r.status(), text.length);
                    try (OutputStream o = exchange.getResponseBody()) {
                        o.write(text);
                    }
                }
            });
            String token = tokens.issue(EmailAddress.parse("reader5@example.org"), Optional.of(CAMPAIGN), Duration.ofDays(60));
            status = post(client, URI.create(base + "/unsubscribe?t=" + token), null, "List-Unsubscribe=One-Click");
            out.println("4. reader5 clicked unsubscribe in their mail client: one-click POST answered HTTP " + status);
            CallbackPublisher.FlushResult flushed = publisher.flush();
            out.println("   callback publisher: " + flushed.delivered() + " events POSTed to the platform in the generic SMTP JSON ("
                    + callbackDeliveries.get() + " request)");

            // 5. The same newsletter again
            out.println("5. Sending the same newsletter again, through the suppression filter");
            int[] second;
            try (SmtpTransport transport = SmtpTransport.create(config)) {
                second = send(new SuppressionFilter(transport, suppressions, exclusion), newsletter, new ArrayList<>(), out);
            }
            out.println("   accepted " + second[0] + ", skipped " + second[2] + " (suppressed or unsubscribed from " + CAMPAIGN + ")");

            int suppressed = store.list(SuppressionList.SUPPRESSED).size();
            int unsubscribed = store.list(SuppressionList.UNSUBSCRIBED).size();
            Summary s = new Summary(batch.size(), violations, newsletter.size(), first[0], first[1], classes[0] + first[1], classes[1],
                    classes[2], classes[3], suppressed, unsubscribed, callbackDeliveries.get(), callbackEvents.get(), second[0], second[2]);
            out.println();
            out.println("6. Summary");
            row(out, "validated / violations", s.validated() + " / " + s.violations());
            row(out, "sent / accepted / refused at RCPT", s.sent() + " / " + s.accepted() + " / " + s.rejectedAtRcpt());
            row(out, "bounced hard / soft", s.bouncedHard() + " / " + s.bouncedSoft());
            row(out, "complaints / auto-replies", s.complaints() + " / " + s.autoReplies());
            row(out, "suppressed (incl. unreachable) / unsubscribed", s.suppressed() + " / " + s.unsubscribed());
            row(out, "callback deliveries / events", s.callbackDeliveries() + " / " + s.callbackEvents());
            row(out, "second send: accepted / skipped", s.secondSendAccepted() + " / " + s.secondSendSkipped());
            return s;
        } finally {
            http.stop(0);
            imap.stop();
        }
    }

    /** Sends in chunks with a progress line; returns {accepted, refused at RCPT, skipped by the filter}. */
    private static int[] send(SuppressionFilter filter, List<EmailMessage> messages, List<MailEvent> rejects, PrintStream out) {
        int[] counts = new int[3];
        for (int from = 0; from < messages.size(); from += 100) {
            for (SendResult r : filter.sendBatch(messages.subList(from, Math.min(messages.size(), from + 100)))) {
                if (r instanceof SendResult.Sent sent) {
                    for (RecipientOutcome o : sent.receipt().recipients()) {
                        if (o instanceof RecipientOutcome.Accepted) {
                            counts[0]++;
                        } else if (o instanceof RecipientOutcome.Suppressed) {
                            counts[2]++;
                        }
                    }
                } else if (((SendResult.Failed) r).error() instanceof ServerRejectedException e) {
                    counts[1]++;
                    EmailAddress to = ((EmailMessage) r.message()).to().get(0);
                    out.println("   refused at RCPT TO: " + to.address() + ": " + e.reply());
                    rejects.add(rejectedAtRcpt(to, e));
                }
            }
            out.println("   progress: " + Math.min(messages.size(), from + 100) + "/" + messages.size());
        }
        return counts;
    }

    /** A 550 to RCPT TO is a bounce the server gave at once: it goes to the policy like any other. */
    private static MailEvent rejectedAtRcpt(EmailAddress to, ServerRejectedException e) {
        EventDetails details = EventDetails.builder("smtp", Instant.now()).recipient(to).eventId("rcpt-" + to.address()).build();
        Diagnostic diagnostic = new Diagnostic(e.enhancedStatus(), OptionalInt.of(e.code()), e.reply().text(), Optional.empty());
        return new MailEvent.Bounced(details, BounceClass.HARD, BounceReason.USER_UNKNOWN, diagnostic);
    }

    private static void deliverBounce(GreenMail imap, String template, String recipient, String id) throws Exception {
        String text;
        try (InputStream in = Demo.class.getResourceAsStream("demo/" + template)) {
            text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        text = text.replace("${RECIPIENT}", recipient).replace("${BOUNCE_ID}", id).replace("${MESSAGE_ID}", "nov-2026." + recipient)
                .replace("\n", "\r\n");
        imap.getUserManager().getUser("bounces").deliver(new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII))));
    }

    private static int post(HttpClient client, URI uri, String authorization, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void row(PrintStream out, String name, String value) {
        out.printf("   %-48s %s%n", name, value);
    }

    static EmailMessage newsletter(EmailAddress to, UnsubscribeTokens tokens) {
        EmailMessage.Builder b = EmailMessage.builder()
                .from("Mailgate News <newsletter@example.com>")
                .to(to)
                .replyTo("support@example.com")
                .subject("November news — Grüße aus Köln")
                .messageId("nov-2026." + to.address())
                .metadata(SuppressionFilter.CAMPAIGN, CAMPAIGN)
                .text("Hello " + to.displayName().orElse("reader") + ",\n\nhere is what happened in November.\n")
                .html("<p>Hello " + to.displayName().orElse("reader") + ",</p><p>here is what happened in November.</p>")
                .attach(Attachment.of("agenda.txt", "1. Welcome\n2. News\n".getBytes(StandardCharsets.UTF_8), "text/plain"));
        return tokens.addHeaders(b, URI.create("https://example.com/unsubscribe"), Optional.empty(),
                tokens.issue(to, Optional.of(CAMPAIGN), Duration.ofDays(60))).build();
    }
}
