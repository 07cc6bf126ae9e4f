package dev.mailgate.suppression.shared;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.event.BounceClass;
import dev.mailgate.core.event.BounceReason;
import dev.mailgate.core.event.Diagnostic;
import dev.mailgate.core.event.EventDetails;
import dev.mailgate.core.event.MailEvent;
import dev.mailgate.core.suppression.SuppressionList;
import dev.mailgate.smtp.callback.GenericSmtpCallbackCodec;
import dev.mailgate.suppression.EventClass;
import dev.mailgate.suppression.callback.CallbackPublisher;
import dev.mailgate.suppression.store.JdbcSuppressionStore;
import dev.mailgate.testing.db.PostgresCluster;
import dev.mailgate.testing.smtp.TestSmtpServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 23's proof: three application instances (JVMs, as {@code CrashSafetyTest} starts them) on one throw-away
 * PostgreSQL cluster share the daily quota (against the test SMTP server), webhook de-duplication, the callback
 * outbox (against WireMock, with the lease holder SIGKILLed mid-batch), and the figures go to docs/reliability.md.
 */
class ScaleOutTest {
    private static final System.Logger LOG = System.getLogger(ScaleOutTest.class.getName());
    private static final Pattern RECIPIENT = Pattern.compile("\"e\":\"(o[12]-\\d+)@example\\.org\"");
    private static final Duration LEASE = Duration.ofSeconds(6);
    private static final int MAX_EVENTS = 20;

    /** A child JVM and its command line. */
    private static final class Instance implements AutoCloseable {
        final String name;
        final Process process;
        final BufferedReader out;
        final PrintStream in;

        Instance(String name, int number, String url, int smtpPort, String callback) throws Exception {
            this.name = name;
            process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-cp",
                    System.getProperty("java.class.path"), ScaleOutChild.class.getName(), url, String.valueOf(smtpPort), callback, name,
                    String.valueOf(number), ScaleOutChild.T0.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
            assertThat(out.readLine()).isEqualTo("ready " + name);
        }

        void send(String command) {
            in.println(command);
        }

        /** The answer to the last command, as key=value pairs. */
        Map<String, Integer> answer(String command) throws Exception {
            String line = out.readLine();
            assertThat(line).as(name + " answering " + command).startsWith("ok " + command);
            Map<String, Integer> values = new HashMap<>();
            for (String part : line.split(" ")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    values.put(part.substring(0, eq), Integer.parseInt(part.substring(eq + 1)));
                }
            }
            return values;
        }

        void kill() throws InterruptedException {
            process.destroyForcibly(); // SIGKILL: no shutdown hook, no lease given back
            process.waitFor(10, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws InterruptedException {
            in.close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    @Test
    void threeInstancesShareQuotaDeduplicationAndOutbox() throws Exception {
        WireMockServer wiremock = new WireMockServer(options().dynamicPort());
        wiremock.start();
        List<Instance> instances = new ArrayList<>();
        StringBuilder figures = new StringBuilder();
        try (PostgresCluster cluster = PostgresCluster.start(); TestSmtpServer smtp = TestSmtpServer.builder().build().start()) {
            String url = cluster.jdbcUrl();
            String callback = wiremock.baseUrl() + "/callback";
            for (int i = 0; i < 3; i++) {
                instances.add(new Instance("instance-" + i, i, url, smtp.port(), callback));
            }

            // 1. the quota: 3 x 15 attempts (a batch of 10, then 5 one by one), racing, against a daily quota of 20
            instances.forEach(i -> i.send("quota 15 10"));
            int sent = 0;
            int exceeded = 0;
            for (Instance i : instances) {
                Map<String, Integer> a = i.answer("quota");
                sent += a.get("sent");
                exceeded += a.get("exceeded");
                assertThat(a.get("other")).isZero();
            }
            assertThat(sent).isEqualTo(ScaleOutChild.QUOTA);
            assertThat(exceeded).isEqualTo(45 - ScaleOutChild.QUOTA);
            assertThat(smtp.messages()).hasSize(ScaleOutChild.QUOTA);
            // a restart mid-day (a deploy): the new JVM finds the day's count
            instances.get(0).kill();
            instances.set(0, new Instance("instance-0b", 0, url, smtp.port(), callback));
            instances.get(0).send("quota 3 0");
            assertThat(instances.get(0).answer("quota")).containsEntry("sent", 0).containsEntry("exceeded", 3);
            assertThat(smtp.messages()).hasSize(ScaleOutChild.QUOTA);
            figures.append("quota: 3 instances, 45 attempts against a daily quota of 20: accepted 20, QuotaExceededException 25; "
                    + "after a restart mid-day 3 more attempts: accepted 0\n");

            // 2. webhooks: 60 deliveries of 10 events over the three, every fifth also delivered to the next instance
            instances.forEach(i -> i.send("webhook"));
            int fresh = 0;
            int dup = 0;
            int retried = 0;
            for (Instance i : instances) {
                Map<String, Integer> a = i.answer("webhook");
                fresh += a.get("fresh");
                dup += a.get("dup");
                retried += a.get("retried503");
            }
            int total = ScaleOutChild.DELIVERIES * ScaleOutChild.EVENTS_PER_DELIVERY;
            int replayed = (ScaleOutChild.DELIVERIES / 5) * ScaleOutChild.EVENTS_PER_DELIVERY;
            assertThat(fresh).as("each event applied once").isEqualTo(total);
            assertThat(dup).as("each replayed event recognized").isEqualTo(replayed);
            try (JdbcSuppressionStore store = JdbcSuppressionStore.open(url)) {
                Set<String> suppressed = new HashSet<>();
                store.list(SuppressionList.SUPPRESSED).forEach(e -> assertThat(suppressed.add(e.address().address())).isTrue());
                assertThat(suppressed).hasSize(total / 2);
                for (int d = 0; d < ScaleOutChild.DELIVERIES; d++) {
                    assertThat(store.count(EmailAddress.parse("w" + d + "-1@example.org"), EventClass.SOFT)).isEqualTo(1);
                }
            }
            figures.append("webhooks: 3 instances, " + total + " events in 60 deliveries, " + replayed + " replayed to another instance ("
                    + retried + " answered 503 while the first was handling them, then retried): applied " + fresh + ", duplicates 0, lost 0\n");

            // 3. the outbox, all three publishing one destination: every event exactly once, in order
            wiremock.stubFor(post(urlEqualTo("/callback")).willReturn(aResponse().withStatus(200)));
            try (SharedState parent = SharedState.open(url)) {
                CallbackPublisher writer = CallbackPublisher.builder(URI.create(callback), new GenericSmtpCallbackCodec(), parent.outbox()).build();
                writer.publish(events("o1", 300));
                instances.forEach(i -> i.send("publish " + MAX_EVENTS + " " + LEASE.toMillis()));
                for (Instance i : instances) {
                    i.answer("publish");
                }
                awaitEmpty(parent, writer, Duration.ofSeconds(60));
                List<String> posted = posted(wiremock, "o1");
                assertThat(posted).hasSize(300).doesNotHaveDuplicates();
                assertThat(posted).as("the destination's order kept").isSortedAccordingTo(Comparator.comparingInt(s -> Integer.parseInt(s.substring(3))));
                Set<String> senders = new HashSet<>();
                wiremock.getAllServeEvents().forEach(e -> senders.add(e.getRequest().getHeader("X-Instance")));
                figures.append("outbox: 3 publishers, 300 events to one destination: POSTed 300, duplicates 0, lost 0, in order (POSTs from "
                        + senders.size() + " instances)\n");

                // 4. SIGKILL the lease holder mid-batch (each POST takes 400 ms, so a kill lands inside one)
                wiremock.resetRequests();
                wiremock.stubFor(post(urlEqualTo("/callback")).willReturn(aResponse().withStatus(200).withFixedDelay(400)));
                writer.publish(events("o2", 300));
                String holder = awaitHolder(url, Duration.ofSeconds(20));
                Thread.sleep(200);
                Instance victim = instances.stream().filter(i -> i.name.equals(holder)).findFirst().orElseThrow();
                long killedAt = System.currentTimeMillis();
                victim.kill();
                instances.remove(victim);
                awaitEmpty(parent, writer, Duration.ofSeconds(60));
                List<String> after = posted(wiremock, "o2");
                assertThat(new HashSet<>(after)).as("nothing lost").hasSize(300);
                int duplicates = after.size() - 300;
                assertThat(duplicates).as("at most the in-flight batch repeated").isLessThanOrEqualTo(MAX_EVENTS);
                long takeover = wiremock.getAllServeEvents().stream().filter(e -> !holder.equals(e.getRequest().getHeader("X-Instance")))
                        .mapToLong(e -> e.getRequest().getLoggedDate().getTime()).filter(t -> t >= killedAt).min().orElseThrow() - killedAt;
                assertThat(takeover).as("taken over within the lease (plus a poll)").isLessThan(LEASE.toMillis() + 1_500);
                figures.append("outbox, lease holder SIGKILLed mid-batch (lease " + LEASE.toMillis() + " ms, batches of " + MAX_EVENTS + "): 300 events, lost 0, "
                        + "duplicates " + duplicates + " (the killed batch, at-least-once), taken over after " + takeover + " ms\n");
                instances.forEach(i -> i.send("stop"));
                for (Instance i : instances) {
                    i.answer("stop");
                }
            }
            // the killed instance comes back (a restart), so that three poll the mailbox
            instances.add(new Instance("instance-k", 3, url, smtp.port(), callback));

            // 5. one bounce mailbox polled from all three: one active poller, a standby takes over when it dies
            GreenMail imap = new GreenMail(ServerSetupTest.IMAP.dynamicPort());
            imap.start();
            try {
                GreenMailUser user = imap.setUser("bounces@example.com", "bounces", "s3cret");
                deliverBounces(user, 0, 15);
                int port = imap.getImap().getPort();
                instances.forEach(i -> i.send("poll " + port + " " + POLLER_LEASE.toMillis()));
                for (Instance i : instances) {
                    i.answer("poll");
                }
                awaitSuppressed(url, 15, Duration.ofSeconds(60));
                Thread.sleep(POLLER_LEASE.toMillis()); // every instance has tried the lease by now
                Instance active = null;
                int handledBefore = 0;
                int actives = 0;
                for (Instance i : instances) {
                    i.send("pollstats");
                    Map<String, Integer> a = i.answer("pollstats");
                    handledBefore += a.get("handled");
                    if (a.get("active") == 1) {
                        active = i;
                        actives++;
                    }
                }
                assertThat(actives).as("one active poller").isEqualTo(1);
                assertThat(handledBefore).as("every bounce handled once").isEqualTo(15);
                long killedAt = System.currentTimeMillis();
                active.kill();
                instances.remove(active);
                deliverBounces(user, 15, 30);
                long firstAfter = awaitSuppressed(url, 16, Duration.ofSeconds(60)) - killedAt;
                awaitSuppressed(url, 30, Duration.ofSeconds(60));
                Thread.sleep(500);
                int handledAfter = 0;
                for (Instance i : instances) {
                    i.send("pollstats");
                    handledAfter += i.answer("pollstats").get("handled");
                }
                assertThat(handledAfter).as("the new bounces handled once, by the standby").isEqualTo(15);
                assertThat(firstAfter).as("taken over within the lease and a poll").isLessThan(POLLER_LEASE.toMillis() * 2 + 2_000);
                figures.append("bounce mailbox: 3 instances polling one IMAP folder (GreenMail), 30 bounces: handled 30, twice 0, lost 0; the active "
                        + "poller SIGKILLed after 15 (lease " + POLLER_LEASE.toMillis() + " ms): first bounce handled by the standby " + firstAfter + " ms after\n");
                instances.forEach(i -> i.send("stop"));
                for (Instance i : instances) {
                    i.answer("stop");
                }
            } finally {
                imap.stop();
            }
            RESULT = figures.toString();
            LOG.log(System.Logger.Level.INFO, "\n" + RESULT);
        } finally {
            for (Instance i : instances) {
                i.close();
            }
            wiremock.stop();
        }
    }

    static volatile String RESULT = "";
    private static final Duration POLLER_LEASE = Duration.ofSeconds(2);

    /** RFC 3464 reports, each with its own Message-ID and failed recipient p{i}@example.net. */
    private static void deliverBounces(GreenMailUser user, int from, int to) throws Exception {
        for (int i = from; i < to; i++) {
            String raw = "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\r\nTo: bounces@example.com\r\n"
                    + "Subject: Undelivered Mail Returned to Sender\r\nMessage-ID: <dsn-" + i + "@mx.example.net>\r\n"
                    + "Date: Mon, 23 Nov 2026 12:00:00 +0000\r\nMIME-Version: 1.0\r\n"
                    + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n"
                    + "--b\r\nContent-Type: text/plain\r\n\r\nYour message to p" + i + "@example.net could not be delivered.\r\n"
                    + "--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.net\r\n\r\n"
                    + "Final-Recipient: rfc822; p" + i + "@example.net\r\nAction: failed\r\nStatus: 5.1.1\r\n"
                    + "Diagnostic-Code: smtp; 550 5.1.1 <p" + i + "@example.net>: Recipient address rejected: User unknown\r\n\r\n--b--\r\n";
            user.deliver(new jakarta.mail.internet.MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()),
                    new java.io.ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII))));
        }
    }

    /** Waits until n of the p-addresses are suppressed; returns when (epoch ms). */
    private static long awaitSuppressed(String url, int n, Duration max) throws Exception {
        long end = System.nanoTime() + max.toNanos();
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            while (System.nanoTime() < end) {
                try (ResultSet r = st.executeQuery("select count(*) from mg_entry where address like 'p%@example.net'")) {
                    r.next();
                    if (r.getInt(1) >= n) {
                        return System.currentTimeMillis();
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("fewer than " + n + " bounces handled in " + max);
    }

    private static List<MailEvent> events(String prefix, int n) {
        List<MailEvent> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            EventDetails d = EventDetails.builder("test", ScaleOutChild.T0).recipient(EmailAddress.parse(prefix + "-" + i + "@example.org"))
                    .occurredAt(ScaleOutChild.T0).build();
            out.add(new MailEvent.Bounced(d, BounceClass.HARD, BounceReason.USER_UNKNOWN, Diagnostic.NONE));
        }
        return out;
    }

    /** Recipients POSTed, in the order the POSTs arrived. */
    private static List<String> posted(WireMockServer wiremock, String prefix) {
        List<ServeEvent> events = new ArrayList<>(wiremock.getAllServeEvents());
        events.sort(Comparator.comparing(e -> e.getRequest().getLoggedDate()));
        List<String> out = new ArrayList<>();
        for (ServeEvent e : events) {
            Matcher m = RECIPIENT.matcher(e.getRequest().getBodyAsString());
            while (m.find()) {
                if (m.group(1).startsWith(prefix)) {
                    out.add(m.group(1));
                }
            }
        }
        return out;
    }

    private static void awaitEmpty(SharedState s, CallbackPublisher p, Duration max) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (p.pending() > 0) {
            assertThat(System.nanoTime()).as("outbox drained in time").isLessThan(end);
            Thread.sleep(50);
        }
    }

    /** The holder of a live outbox claim. */
    private static String awaitHolder(String url, Duration max) throws Exception {
        long end = System.nanoTime() + max.toNanos();
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            while (System.nanoTime() < end) {
                try (ResultSet r = st.executeQuery("select holder from mg_outbox where holder is not null fetch first 1 rows only")) {
                    if (r.next()) {
                        return r.getString(1);
                    }
                }
                Thread.sleep(10);
            }
        }
        throw new AssertionError("no publisher claimed the outbox");
    }
}
