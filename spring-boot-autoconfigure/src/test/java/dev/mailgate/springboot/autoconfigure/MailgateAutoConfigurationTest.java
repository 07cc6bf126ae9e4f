package dev.mailgate.springboot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.spi.ProviderConfigException;
import dev.mailgate.core.transport.Transport;
import dev.mailgate.suppression.SuppressionFilter;
import dev.mailgate.suppression.Suppressions;
import dev.mailgate.suppression.store.InMemorySuppressionStore;
import dev.mailgate.suppression.store.JdbcSuppressionStore;
import dev.mailgate.suppression.store.SuppressionStore;
import dev.mailgate.testing.RecordingTransport;
import dev.mailgate.testing.smtp.TestCertificates;
import dev.mailgate.testing.smtp.TestSmtpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The beans the properties give, in a real application context (no web server): which transport, which store,
 * what backs off for an application's own bean, and that a bad key fails the start naming the key.
 */
class MailgateAutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, MailgateAutoConfiguration.class));

    @Test
    void withoutAProviderThereIsNoTransportButTheListsExist() {
        runner.withPropertyValues("mailgate.suppression.store=memory").run(ctx -> {
            assertThat(ctx).hasNotFailed().doesNotHaveBean(Transport.class).hasSingleBean(Suppressions.class);
            assertThat(ctx.getBean(SuppressionStore.class)).isInstanceOf(InMemorySuppressionStore.class);
        });
    }

    @Test
    void theSmtpKeysMakeATransportBehindTheSuppressionFilterThatSendsThroughAnSslBundle() throws Exception {
        try (TestSmtpServer server = TestSmtpServer.builder().startTls(TestCertificates.localhostServer()).auth("app", "s3cret").build().start()) {
            runner.withPropertyValues("mailgate.suppression.store=memory",
                    "mailgate.smtp.host=localhost", "mailgate.smtp.port=" + server.port(),
                    "mailgate.smtp.username=app", "mailgate.smtp.password=s3cret", "mailgate.smtp.max-connections=2",
                    "mailgate.smtp.ssl-bundle=test-ca",
                    "spring.ssl.bundle.pem.test-ca.truststore.certificate=classpath:mailgate/localhost-ca.pem").run(ctx -> {
                        assertThat(ctx).hasNotFailed();
                        assertThat(ctx.getBean(ProviderSettings.class).settings())
                                .containsEntry("host", "localhost").containsEntry("max-connections", "2").containsKey("trust-store");
                        Transport transport = ctx.getBean(Transport.class);
                        assertThat(transport).isInstanceOf(SuppressionFilter.class);
                        transport.send(EmailMessage.builder().from("news@example.com").to("jane@example.net").subject("Hi")
                                .text("Hello\n").build());
                        assertThat(server.awaitMessages(1, Duration.ofSeconds(10))).singleElement()
                                .satisfies(m -> assertThat(m.recipients()).containsExactly("jane@example.net"));
                    });
        }
    }

    @Test
    void aBadValueFailsTheStartNamingTheKey() {
        runner.withPropertyValues("mailgate.suppression.store=memory", "mailgate.provider=smtp",
                "mailgate.smtp.host=localhost", "mailgate.smtp.port=70000").run(ctx -> {
                    assertThat(ctx).hasFailed();
                    assertThat(ctx.getStartupFailure()).rootCause().isInstanceOf(ProviderConfigException.class).hasMessageContaining("port");
                });
    }

    @Test
    void aProviderThatIsNotOnTheClassPathIsNamedWithTheOnesThatAre() {
        runner.withPropertyValues("mailgate.suppression.store=memory", "mailgate.provider=nosuch").run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("nosuch").hasMessageContaining("smtp");
        });
    }

    @Test
    void anApplicationsOwnTransportIsLeftAlone() {
        RecordingTransport own = new RecordingTransport();
        runner.withPropertyValues("mailgate.suppression.store=memory", "mailgate.smtp.host=localhost")
                .withBean(Transport.class, () -> own).run(ctx -> assertThat(ctx.getBean(Transport.class)).isSameAs(own));
    }

    @Test
    void theStoreIsTheApplicationsDataSourceWhenThereIsOne() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:mailgate-ds;DB_CLOSE_DELAY=-1");
        runner.withBean(DataSource.class, () -> ds).run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx.getBean(SuppressionStore.class)).isInstanceOf(JdbcSuppressionStore.class)
                    .hasToString("JdbcSuppressionStore[" + ds + "]");
        });
    }

    @Test
    void withoutADataSourceTheStoreIsAnH2File(@TempDir Path dir) {
        runner.withPropertyValues("mailgate.suppression.h2-file=" + dir.resolve("lists")).run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx.getBean(SuppressionStore.class)).isInstanceOf(JdbcSuppressionStore.class);
            assertThat(Files.exists(dir.resolve("lists.mv.db"))).isTrue();
        });
    }
}
