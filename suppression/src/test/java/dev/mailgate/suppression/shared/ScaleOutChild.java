package dev.mailgate.suppression.shared;

import dev.mailgate.bounce.BounceParser;
import dev.mailgate.bounce.mailbox.BounceMailboxPoller;
import dev.mailgate.bounce.mailbox.ImapBounceConfig;
import dev.mailgate.bounce.mailbox.ImapSecurity;
import dev.mailgate.bounce.mailbox.ProcessedMessages;
import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.event.BounceClass;
import dev.mailgate.core.event.BounceReason;
import dev.mailgate.core.event.Diagnostic;
import dev.mailgate.core.event.EventDetails;
import dev.mailgate.core.event.MailEvent;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.transport.SendResult;
import dev.mailgate.core.webhook.WebhookAuthenticator;
import dev.mailgate.core.webhook.WebhookHandler;
import dev.mailgate.core.webhook.WebhookRequest;
import dev.mailgate.core.webhook.WebhookResponse;
import dev.mailgate.smtp.QuotaExceededException;
import dev.mailgate.smtp.SmtpConfig;
import dev.mailgate.smtp.SmtpTransport;
import dev.mailgate.smtp.TlsMode;
import dev.mailgate.smtp.callback.GenericSmtpCallbackCodec;
import dev.mailgate.suppression.SuppressionPolicy;
import dev.mailgate.suppression.Suppressions;
import dev.mailgate.suppression.callback.CallbackPublisher;
import dev.mailgate.suppression.store.JdbcSuppressionStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One application instance of {@link ScaleOutTest}, in its own JVM: reads a command a line from standard input and
 * answers {@code ok <command> key=value...} on standard output. Arguments: JDBC URL, SMTP port, callback URL, name,
 * instance number, the day's clock instant.
 */
public final class ScaleOutChild {
    static final int QUOTA = 20;
    static final int DELIVERIES = 60;
    static final int EVENTS_PER_DELIVERY = 10;
    static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

    private ScaleOutChild() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int smtpPort = Integer.parseInt(args[1]);
        URI callback = URI.create(args[2]);
        String name = args[3];
        int instance = Integer.parseInt(args[4]);
        Clock clock = Clock.fixed(Instant.parse(args[5]), ZoneOffset.UTC);
        SharedState shared = SharedState.open(url);
        JdbcSuppressionStore store = JdbcSuppressionStore.open(url);
        Suppressions suppressions = new Suppressions(store, SuppressionPolicy.defaults());
        CallbackPublisher publisher = null;
        ActiveStandby standby = null;
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        say("ready " + name);
        String line;
        while ((line = in.readLine()) != null) {
            String[] cmd = line.trim().split(" ");
            switch (cmd[0]) {
                case "quota" -> say(quota(shared, smtpPort, clock, Integer.parseInt(cmd[1]), Integer.parseInt(cmd[2])));
                case "webhook" -> say(webhook(shared, suppressions, instance));
                case "publish" -> {
                    publisher = CallbackPublisher.builder(callback, new GenericSmtpCallbackCodec(), shared.outbox()).holder(name)
                            .header("X-Instance", name).maxEvents(Integer.parseInt(cmd[1])).lease(Duration.ofMillis(Long.parseLong(cmd[2])))
                            .maxDelay(Duration.ofMillis(50)).backoff(Duration.ofMillis(50), Duration.ofMillis(200)).timeout(Duration.ofSeconds(4))
                            .build();
                    publisher.start();
                    say("ok publish");
                }
                case "poll" -> {
                    standby = poll(shared, suppressions, name, Integer.parseInt(cmd[1]), Duration.ofMillis(Long.parseLong(cmd[2])));
                    say("ok poll");
                }
                case "pollstats" -> say("ok pollstats handled=" + HANDLED.get() + " active=" + (standby != null && standby.active() ? 1 : 0));
                case "stop" -> {
                    if (publisher != null) {
                        publisher.close();
                    }
                    if (standby != null) {
                        standby.close();
                    }
                    say("ok stop");
                }
                default -> say("unknown " + line);
            }
        }
    }

    private static final java.util.concurrent.atomic.AtomicInteger HANDLED = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * Every instance runs this; only the lease holder polls the mailbox (IDLE where the server has it), with the
     * handled-message records in the shared database, so a standby that takes over skips what the dead one handled.
     */
    private static ActiveStandby poll(SharedState shared, Suppressions suppressions, String name, int imapPort, Duration lease) {
        String mailbox = "bounces@127.0.0.1:" + imapPort + "/INBOX";
        ProcessedRecords records = shared.processed(mailbox);
        ImapBounceConfig config = ImapBounceConfig.builder("127.0.0.1").port(imapPort).security(ImapSecurity.NONE).allowPlaintext(true)
                .credentials("bounces", "s3cret").timeout(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).build();
        return shared.whileHeld("imap:" + mailbox, name, lease, () -> {
            BounceMailboxPoller poller = BounceMailboxPoller.create(config, BounceParser.create(), (report, events) -> {
                suppressions.ingestAll(events);
                HANDLED.incrementAndGet();
            }, ProcessedMessages.of(records::contains, records::add));
            poller.start();
            return poller;
        });
    }

    /** {@code batch} messages through sendBatch (one reservation), the rest of {@code n} one by one. */
    private static String quota(SharedState shared, int port, Clock clock, int n, int batch) {
        SmtpConfig config = SmtpConfig.builder("localhost").port(port).tlsMode(TlsMode.NONE).maxPerDay(QUOTA).build();
        int sent = 0;
        int exceeded = 0;
        int other = 0;
        try (SmtpTransport t = SmtpTransport.builder(config).clock(clock).sharedQuota(shared.quota("crm-account")).build()) {
            List<EmailMessage> messages = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                messages.add(EmailMessage.builder().from("news@example.com").to("r" + i + "-" + ProcessHandle.current().pid() + "@example.org")
                        .subject("quota").text("hi\n").build());
            }
            for (SendResult r : t.sendBatch(messages.subList(0, batch))) {
                if (r instanceof SendResult.Sent) {
                    sent++;
                } else if (((SendResult.Failed) r).error() instanceof QuotaExceededException) {
                    exceeded++;
                } else {
                    other++;
                }
            }
            for (EmailMessage m : messages.subList(batch, n)) {
                try {
                    t.send(m);
                    sent++;
                } catch (QuotaExceededException e) {
                    exceeded++;
                } catch (RuntimeException e) {
                    other++;
                }
            }
        }
        return "ok quota sent=" + sent + " exceeded=" + exceeded + " other=" + other;
    }

    /**
     * This instance's share of the deliveries (d mod 3), and every fifth delivery of the previous instance again: a
     * provider's retry that lands on another replica. A 503 (the event is being handled by another instance right
     * now) is retried as a provider would.
     */
    private static String webhook(SharedState shared, Suppressions suppressions, int instance) throws InterruptedException {
        GenericSmtpCallbackCodec codec = new GenericSmtpCallbackCodec();
        WebhookHandler handler = shared.webhookHandler(codec, suppressions).authenticator(WebhookAuthenticator.none()).build();
        int fresh = 0;
        int duplicates = 0;
        int retried = 0;
        for (int d = 0; d < DELIVERIES; d++) {
            boolean mine = d % 3 == instance;
            boolean replay = d % 5 == 0 && (d + 1) % 3 == instance;
            if (!mine && !replay) {
                continue;
            }
            byte[] body = codec.encode(delivery(d));
            while (true) {
                WebhookResponse r = handler.handle(WebhookRequest.post(Map.of("Content-Type", "application/json"), body));
                if (r.status() == 503) {
                    retried++;
                    Thread.sleep(20);
                    continue;
                }
                if (r.status() != 200) {
                    return "error webhook status " + r.status() + " " + r.error();
                }
                fresh += r.events().size();
                duplicates += r.duplicates();
                break;
            }
        }
        return "ok webhook fresh=" + fresh + " dup=" + duplicates + " retried503=" + retried;
    }

    /** Delivery d: events to w{d}-{j}, hard bounces at even j, soft at odd j, each with its own time. */
    static List<MailEvent> delivery(int d) {
        List<MailEvent> events = new ArrayList<>();
        for (int j = 0; j < EVENTS_PER_DELIVERY; j++) {
            Instant at = T0.plusSeconds(d * 100L + j);
            EventDetails details = EventDetails.builder("webhook", at).recipient(EmailAddress.parse("w" + d + "-" + j + "@example.org")).occurredAt(at).build();
            events.add(j % 2 == 0 ? new MailEvent.Bounced(details, BounceClass.HARD, BounceReason.USER_UNKNOWN, Diagnostic.NONE)
                    : new MailEvent.Bounced(details, BounceClass.SOFT, BounceReason.MAILBOX_FULL, Diagnostic.NONE));
        }
        return events;
    }

    private static void say(String s) {
        System.out.println(s);
        System.out.flush();
    }
}
