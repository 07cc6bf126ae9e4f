package dev.mailgate.suppression.shared;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
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
    private static final Duration LEASE = Duration.ofSeconds(3);
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
