package dev.mailgate.springboot.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.suppression.EventClass;
import dev.mailgate.suppression.Suppressions;
import dev.mailgate.testing.smtp.ReceivedMessage;
import dev.mailgate.testing.smtp.TestCertificates;
import dev.mailgate.testing.smtp.TestSmtpServer;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import dev.mailgate.bounce.mailbox.PollerListener;
import dev.mailgate.core.webhook.WebhookHandlerListener;
import dev.mailgate.springboot.autoconfigure.MailgateWebhookObserver;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sample application end to end, on its real server at a random port, over real HTTP: the newsletter goes out
 * through an SMTP server with STARTTLS and AUTH (trusted through a Spring SSL bundle), CloudMailin's webhook is
 * refused without credentials and counted once when delivered twice, a bounce in the GreenMail mailbox suppresses
 * its recipient, a one-click unsubscribe leaves the reader out of the next issue, and the health turns DOWN when the
 * SMTP server stops. Runs on Boot 3.5 and, with -Pboot4, on Boot 4.0.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NewsletterApplicationTest {
    static TestSmtpServer smtp;
    static GreenMail mailbox;
    static Path data;

    @Autowired
    Environment env;
    @Autowired
    Suppressions suppressions;
    @Autowired
    JavaMailSender mailSender;

    private final HttpClient http = HttpClient.newHttpClient();

    /** What a metrics module would count: every webhook answer, through the starter's observer hook. */
    static final List<String> OBSERVED = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** The duplicates a handler listener (metrics' webhook meters) was told of; the passes a poller listener saw. */
    static final java.util.concurrent.atomic.AtomicInteger DUPLICATES = new java.util.concurrent.atomic.AtomicInteger();
    static final java.util.concurrent.atomic.AtomicInteger PASSES = new java.util.concurrent.atomic.AtomicInteger();

    @TestConfiguration
    static class Observers {
        @Bean
        WebhookHandlerListener.Factory duplicateCounter() {
            return request -> new WebhookHandlerListener() {
                @Override
                public void duplicate(dev.mailgate.core.event.MailEvent event) {
                    DUPLICATES.incrementAndGet();
                }
            };
        }

        @Bean
        PollerListener passCounter() {
            return new PollerListener() {
                @Override
                public void passEnded(dev.mailgate.bounce.mailbox.PollResult result) {
                    PASSES.incrementAndGet();
                }
            };
        }

        @Bean
        MailgateWebhookObserver recordingObserver() {
            return (endpoint, response) -> OBSERVED.add(endpoint + " " + response.status() + " " + response.events().size()
                    + "+" + response.duplicates());
        }
    }

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry r) throws IOException {
        smtp = TestSmtpServer.builder().startTls(TestCertificates.localhostServer()).auth("news", "s3cret").build().start();
        mailbox = new GreenMail(new ServerSetup[] {new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)});
        mailbox.start();
        mailbox.setUser("bounces@example.com", "bounces", "secret");
        data = Files.createTempDirectory("newsletter-test");
        r.add("mailgate.smtp.host", () -> "localhost");
        r.add("mailgate.smtp.port", () -> smtp.port());
        r.add("mailgate.smtp.password", () -> "s3cret");
        r.add("mailgate.smtp.ssl-bundle", () -> "smtp-ca");
        r.add("spring.ssl.bundle.pem.smtp-ca.truststore.certificate", () -> "classpath:sample/localhost-ca.pem");
        r.add("mailgate.suppression.h2-file", () -> data.resolve("suppressions").toString());
        r.add("mailgate.webhook.endpoints.cloudmailin.password", () -> "hook-secret");
        r.add("mailgate.bounce.enabled", () -> "true");
        r.add("mailgate.bounce.host", () -> "127.0.0.1");
        r.add("mailgate.bounce.port", () -> mailbox.getImap().getPort());
        r.add("mailgate.bounce.security", () -> "none");
        r.add("mailgate.bounce.allow-plaintext", () -> "true");
        r.add("mailgate.bounce.password", () -> "secret");
        r.add("mailgate.bounce.idle", () -> "false");
        r.add("mailgate.bounce.poll-interval", () -> "200ms");
        r.add("mailgate.bounce.processed-file", () -> data.resolve("processed.log").toString());
        // short, so that the DOWN after the server stops shows within the test; the default is a minute
        r.add("mailgate.health.smtp-cache", () -> "200ms");
        // Boot's own mail sender (and its health check), beside Mailgate, on the same Jakarta Mail
        r.add("spring.mail.host", () -> "127.0.0.1");
        r.add("spring.mail.port", () -> mailbox.getSmtp().getPort());
    }

    @AfterAll
    static void stop() {
        smtp.close();
        mailbox.stop();
    }

    @Test
    @Order(1)
    void theNewsletterGoesOutWithAOneClickUnsubscribeLink() throws Exception {
        HttpResponse<String> r = post("/newsletter", json("december", "alice@example.net", "bob@example.net"), "application/json", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"sent\":2").contains("\"suppressed\":0");
        List<ReceivedMessage> received = smtp.awaitMessages(2, Duration.ofSeconds(10));
        assertThat(received).flatExtracting(ReceivedMessage::recipients).containsExactlyInAnyOrder("alice@example.net", "bob@example.net");
        assertThat(received.get(0).contentAsString()).contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    }

    @Test
    @Order(2)
    void theWebhookIs401WithoutCredentialsAnd200WithAndARepeatedDeliveryCountsOnce() throws Exception {
        byte[] softBounce = fixture("cloudmailin-bounce-reply.json");
        HttpResponse<String> anonymous = post("/webhooks/cloudmailin", softBounce, "application/json", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));

        String auth = "Basic " + Base64.getEncoder().encodeToString("cloudmailin:hook-secret".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> first = post("/webhooks/cloudmailin", softBounce, "application/json", auth);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("ok: 1 events\n");
        HttpResponse<String> again = post("/webhooks/cloudmailin", softBounce, "application/json", auth);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo("ok: 0 events, 1 repeated\n");
        assertThat(DUPLICATES).hasValue(1);
        assertThat(OBSERVED).containsExactly("cloudmailin 401 0+0", "cloudmailin 200 1+0", "cloudmailin 200 0+1");
        // the bounce (550 5.2.2 mailbox full: soft) is counted toward the threshold once, not twice
        EmailAddress user = EmailAddress.parse("user@example.net");
        assertThat(suppressions.store().count(user, EventClass.SOFT) + suppressions.store().count(user, EventClass.HARD)).isEqualTo(1);
    }

    @Test
    @Order(3)
    void aBounceInTheMailboxSuppressesItsRecipient() throws Exception {
        String dsn = new String(fixture("dsn-hard.eml"), StandardCharsets.US_ASCII).replace("${RECIPIENT}", "bob@example.net")
                .replace("${BOUNCE_ID}", "b1").replace("${MESSAGE_ID}", "m1@example.com").replace("\n", "\r\n");
        mailbox.getUserManager().getUser("bounces").deliver(new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(dsn.getBytes(StandardCharsets.US_ASCII))));
        EmailAddress bob = EmailAddress.parse("bob@example.net");
        await(() -> !suppressions.blocked(List.of(bob), Optional.empty()).isEmpty());
        assertThat(PASSES).as("passes a PollerListener bean was told of").hasPositiveValue();
        assertThat(suppressions.blocked(List.of(bob), Optional.empty())).containsKey(bob);
    }

    @Test
    @Order(4)
    void aOneClickUnsubscribeAndTheBounceLeaveReadersOutOfTheNextIssue() throws Exception {
        ReceivedMessage toAlice = smtp.messages().stream().filter(m -> m.recipients().contains("alice@example.net")).findFirst().orElseThrow();
        Matcher link = Pattern.compile("<https://news\\.example\\.com(/mailgate/unsubscribe\\?t=[^>]+)>").matcher(toAlice.contentAsString()
                .replace("\r\n ", " ").replace("\r\n\t", " "));
        assertThat(link.find()).as("List-Unsubscribe link").isTrue();
        HttpResponse<String> unsubscribed = post(link.group(1).replace(" ", ""), "List-Unsubscribe=One-Click".getBytes(StandardCharsets.US_ASCII),
                "application/x-www-form-urlencoded", null);
        assertThat(unsubscribed.statusCode()).as(unsubscribed.body()).isEqualTo(200);

        HttpResponse<String> next = post("/newsletter", json("december", "alice@example.net", "bob@example.net", "carol@example.net"),
                "application/json", null);
        assertThat(next.body()).contains("\"sent\":1").contains("\"suppressed\":2");
    }

    @Test
    @Order(5)
    void healthIsUpAndTurnsDownWhenTheSmtpServerStops() throws Exception {
        HttpResponse<String> up = get("/actuator/health");
        assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
        assertThat(up.body()).contains("\"mailgate\"").contains("\"smtp\"").contains("\"bounceMailbox\"");
        smtp.close();
        await(() -> {
            try {
                return get("/actuator/health").statusCode() == 503;
            } catch (Exception e) {
                return false;
            }
        });
        HttpResponse<String> down = get("/actuator/health");
        assertThat(down.body()).contains("\"status\":\"DOWN\"").contains("connect");
    }

    @Test
    @Order(6)
    void bootsMailSenderAndMailgateShareOneJakartaMail() throws Exception {
        SimpleMailMessage m = new SimpleMailMessage();
        m.setFrom("app@example.com");
        m.setTo("bounces@example.com");
        m.setSubject("sent by Spring's JavaMailSender");
        m.setText("hello");
        mailSender.send(m);
        assertThat(mailbox.waitForIncomingEmail(10_000, 1)).isTrue();
        // two copies (jakarta.mail-api beside the all-in-one jar) would make the class depend on jar order
        assertThat(java.util.Collections.list(getClass().getClassLoader().getResources("jakarta/mail/Session.class"))).hasSize(1);
        assertThat(java.util.Collections.list(getClass().getClassLoader().getResources("org/eclipse/angus/mail/imap/IMAPStore.class")))
                .hasSize(1);
    }

    private HttpResponse<String> post(String path, byte[] body, String type, String auth) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base().resolve(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", type);
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base().resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + env.getProperty("local.server.port") + "/");
    }

    private static byte[] json(String campaign, String... readers) {
        StringBuilder b = new StringBuilder("{\"campaign\":\"" + campaign + "\",\"subject\":\"News for " + campaign
                + "\",\"text\":\"Hello reader.\\n\",\"readers\":[");
        for (int i = 0; i < readers.length; i++) {
            b.append(i == 0 ? "" : ",").append('"').append(readers[i]).append('"');
        }
        return b.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = NewsletterApplicationTest.class.getResourceAsStream("/sample/" + name)) {
            return in.readAllBytes();
        }
    }

    /** Waits up to 15 s, checking every 100 ms: the poller and the health cache act on their own schedule. */
    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 15 s");
            }
            Thread.sleep(100);
        }
    }
}
