package dev.mailgate.springboot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.message.OutboundMessage;
import dev.mailgate.core.transport.SendReceipt;
import dev.mailgate.core.transport.SendResult;
import dev.mailgate.core.transport.Transport;
import dev.mailgate.smtp.SmtpEventListener;
import dev.mailgate.testing.smtp.TestCertificates;
import dev.mailgate.testing.smtp.TestSmtpServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * DKIM from a resource, the hook a metrics module wraps the transport with (inside the suppression filter), and the
 * settings that must fail the start with their name rather than half-work.
 */
class MailgateExtensionsTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, MailgateAutoConfiguration.class))
            .withPropertyValues("mailgate.suppression.store=memory");

    @Test
    void aDkimKeyFromTheClassPathSignsAndTheCustomizerAndSmtpListenersSeeTheSend() throws Exception {
        AtomicInteger seen = new AtomicInteger();
        MailgateTransportCustomizer counting = delegate -> new Counting(delegate, seen);
        // two listener beans: both hear the transaction, the one that throws keeps nothing from the other
        AtomicInteger transactions = new AtomicInteger();
        SmtpEventListener recording = new SmtpEventListener() {
            @Override
            public void transactionEnd(Session session, Send send, SendReceipt receipt) {
                transactions.incrementAndGet();
            }
        };
        SmtpEventListener throwing = new SmtpEventListener() {
            @Override
            public void transactionStart(Session session, Send send) {
                throw new IllegalStateException("a broken listener");
            }
        };
        try (TestSmtpServer server = TestSmtpServer.builder().startTls(TestCertificates.localhostServer()).build().start()) {
            runner.withBean(MailgateTransportCustomizer.class, () -> counting)
                    .withBean("throwing", SmtpEventListener.class, () -> throwing)
                    .withBean("recording", SmtpEventListener.class, () -> recording)
                    .withPropertyValues("mailgate.smtp.host=localhost", "mailgate.smtp.port=" + server.port(),
                            "mailgate.smtp.ssl-bundle=ca", "spring.ssl.bundle.pem.ca.truststore.certificate=classpath:mailgate/localhost-ca.pem",
                            "mailgate.smtp.dkim-domain=example.com", "mailgate.smtp.dkim-selector=s1",
                            "mailgate.smtp.dkim-key=classpath:mailgate/dkim-rsa2048.pem")
                    .run(ctx -> {
                        assertThat(ctx).hasNotFailed();
                        ctx.getBean(Transport.class).send(EmailMessage.builder().from("news@example.com").to("jane@example.net")
                                .subject("Signed").text("Hello\n").build());
                        assertThat(server.awaitMessages(1, Duration.ofSeconds(10)).get(0).contentAsString())
                                .contains("DKIM-Signature:").contains("d=example.com").contains("s=s1");
                        assertThat(seen).hasValue(1);
                        assertThat(transactions).hasValue(1);
                    });
        }
    }

    @Test
    void aPresetProviderHandsTheListenerBeansEverySendTaggedWithItsIdAndGivesTheHealthProbeItsSmtpSettings() throws Exception {
        List<String> providers = new java.util.concurrent.CopyOnWriteArrayList<>();
        SmtpEventListener recording = new SmtpEventListener() {
            @Override
            public void transactionEnd(Session session, Send send, SendReceipt receipt) {
                providers.add(session.provider());
            }
        };
        try (TestSmtpServer server = TestSmtpServer.builder().startTls(TestCertificates.localhostServer()).auth("cm-user", "cm-secret")
                .build().start()) {
            runner.withBean("recording", SmtpEventListener.class, () -> recording)
                    .withPropertyValues("mailgate.provider=cloudmailin", "mailgate.cloudmailin.host=localhost",
                            "mailgate.cloudmailin.port=" + server.port(), "mailgate.cloudmailin.username=cm-user",
                            "mailgate.cloudmailin.password=cm-secret", "mailgate.cloudmailin.domain=example.com",
                            "mailgate.cloudmailin.ssl-bundle=ca",
                            "spring.ssl.bundle.pem.ca.truststore.certificate=classpath:mailgate/localhost-ca.pem")
                    .run(ctx -> {
                        assertThat(ctx).hasNotFailed();
                        ctx.getBean(Transport.class).send(EmailMessage.builder().from("news@example.com").to("jane@example.net")
                                .subject("Through a preset").text("Hello\n").build());
                        assertThat(server.awaitMessages(1, Duration.ofSeconds(10))).hasSize(1);
                        assertThat(providers).containsExactly("cloudmailin");
                        assertThat(ProviderTransports.smtpConfig("cloudmailin", Map.of("host", "localhost", "username", "u",
                                "password", "p", "domain", "example.com"))).hasValueSatisfying(c -> assertThat(c.host()).isEqualTo("localhost"));
                    });
        }
    }

    @Test
    void todaysDkimKeyFileSignsToo() throws Exception {
        String file = Path.of(getClass().getResource("/mailgate/dkim-rsa2048.pem").toURI()).toString();
        try (TestSmtpServer server = TestSmtpServer.builder().startTls(TestCertificates.localhostServer()).build().start()) {
            runner.withPropertyValues("mailgate.smtp.host=localhost", "mailgate.smtp.port=" + server.port(),
                    "mailgate.smtp.ssl-bundle=ca", "spring.ssl.bundle.pem.ca.truststore.certificate=classpath:mailgate/localhost-ca.pem",
                    "mailgate.smtp.dkim-domain=example.com", "mailgate.smtp.dkim-selector=s2", "mailgate.smtp.dkim-key-file=" + file)
                    .run(ctx -> {
                        ctx.getBean(Transport.class).send(EmailMessage.builder().from("news@example.com").to("jane@example.net")
                                .subject("Signed").text("Hello\n").build());
                        assertThat(server.awaitMessages(1, Duration.ofSeconds(10)).get(0).contentAsString()).contains("s=s2");
                    });
        }
        runner.withPropertyValues("mailgate.smtp.host=localhost", "mailgate.smtp.dkim-domain=example.com").run(ctx ->
                assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("dkim-selector"));
    }

    @Test
    void aWebhookWithoutCredentialsFailsTheStartUnlessUnauthenticatedIsAllowedOnPurpose() {
        new org.springframework.boot.test.context.runner.WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(MailgateAutoConfiguration.class))
                .withPropertyValues("mailgate.suppression.store=memory",
                        "mailgate.webhook.endpoints.generic.path=/hooks/generic", "mailgate.webhook.endpoints.generic.format=generic-smtp-callback")
                .run(ctx -> {
                    assertThat(ctx).hasFailed();
                    assertThat(ctx.getStartupFailure()).rootCause()
                            .hasMessageContaining("mailgate.webhook.endpoints.generic.username and password are required");
                });
    }

    @Test
    void anUnsubscribeCurrentKeyThatIsNotAmongTheKeysIsNamed() {
        runner.withPropertyValues("mailgate.unsubscribe.current-key=k2", "mailgate.unsubscribe.keys.k1=c2FtcGxlLWtleS1yZXBsYWNlLW1l")
                .run(ctx -> {
                    assertThat(ctx).hasFailed();
                    assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("current-key k2").hasMessageContaining("[k1]");
                });
    }

    @Test
    void anSslBundleAndATrustStoreTogetherAreRefused() {
        runner.withPropertyValues("mailgate.smtp.host=localhost", "mailgate.smtp.trust-store=/etc/ssl/x.p12", "mailgate.smtp.ssl-bundle=ca",
                "spring.ssl.bundle.pem.ca.truststore.certificate=classpath:mailgate/localhost-ca.pem").run(ctx -> {
                    assertThat(ctx).hasFailed();
                    assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("ssl-bundle or trust-store");
                });
    }

    /** What a metrics module's customizer does: see every send, pass it on. */
    private record Counting(Transport delegate, AtomicInteger seen) implements Transport {
        @Override
        public SendReceipt send(OutboundMessage message) {
            seen.incrementAndGet();
            return delegate.send(message);
        }

        @Override
        public CompletableFuture<SendReceipt> sendAsync(OutboundMessage message) {
            seen.incrementAndGet();
            return delegate.sendAsync(message);
        }

        @Override
        public List<SendResult> sendBatch(Collection<? extends OutboundMessage> messages) {
            seen.addAndGet(messages.size());
            return delegate.sendBatch(messages);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
