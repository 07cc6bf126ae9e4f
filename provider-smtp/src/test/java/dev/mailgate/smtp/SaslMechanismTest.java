package dev.mailgate.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.transport.AuthenticationException;
import dev.mailgate.testing.smtp.TestSmtpServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Each SASL mechanism (RFC 4954 AUTH) against the test server, and which one is chosen from the EHLO offer. */
class SaslMechanismTest {
    private static final EmailMessage MESSAGE = EmailMessage.builder().from("news@example.com").to("ana@example.org")
            .subject("hi").text("Hello").build();

    /** Sends one message with {@code credentials} applied, and returns the AUTH mechanisms the listener was told of. */
    private static List<String> send(TestSmtpServer server, java.util.function.UnaryOperator<SmtpConfig.Builder> credentials) {
        List<String> mechanisms = new CopyOnWriteArrayList<>();
        SmtpConfig config = credentials.apply(SmtpConfig.builder("localhost").port(server.port()).tlsMode(TlsMode.NONE)
                .allowPlaintextAuth(true).commandTimeout(Duration.ofSeconds(5)).maxAttempts(1)).build();
        try (SmtpTransport smtp = SmtpTransport.builder(config).listener(new SmtpEventListener() {
            @Override
            public void authEnd(Session session, String mechanism) {
                mechanisms.add(mechanism);
            }
        }).build()) {
            smtp.send(MESSAGE);
        }
        return mechanisms;
    }

    private static TestSmtpServer server(String authLine) throws Exception {
        return TestSmtpServer.builder().auth("user", "secret").authWithoutTls().extensions("PIPELINING", authLine, "8BITMIME").build().start();
    }

    @Test
    void plainIsPreferredWhenOffered() throws Exception {
        try (TestSmtpServer server = server("AUTH LOGIN PLAIN")) {
            assertThat(send(server, b -> b.credentials("user", "secret"))).containsExactly("PLAIN");
            assertThat(server.commands()).anyMatch(c -> c.startsWith("AUTH PLAIN "));
            assertThat(server.messages()).singleElement().satisfies(m -> assertThat(m.authenticatedAs()).isEqualTo("user"));
        }
    }

    @Test
    void loginAnswersBothChallenges() throws Exception {
        try (TestSmtpServer server = server("AUTH LOGIN")) {
            assertThat(send(server, b -> b.credentials("user", "secret"))).containsExactly("LOGIN");
            // RFC 4648 base64 of "user" and "secret", each on its own line after a 334.
            assertThat(server.commands()).containsSubsequence("AUTH LOGIN", "dXNlcg==", "c2VjcmV0");
            assertThat(server.messages()).singleElement().satisfies(m -> assertThat(m.authenticatedAs()).isEqualTo("user"));
        }
    }

    @Test
    void xoauth2SendsTheTokenFromTheSupplier() throws Exception {
        try (TestSmtpServer server = server("AUTH PLAIN XOAUTH2")) {
            assertThat(send(server, b -> b.oauth2("user", () -> "secret"))).containsExactly("XOAUTH2");
            assertThat(server.messages()).singleElement().satisfies(m -> assertThat(m.authenticatedAs()).isEqualTo("user"));
        }
    }

    @Test
    void aRefusedPasswordIsAnAuthenticationErrorWithTheReply() throws Exception {
        try (TestSmtpServer server = server("AUTH LOGIN")) {
            assertThatThrownBy(() -> send(server, b -> b.credentials("user", "wrong")))
                    .isInstanceOf(AuthenticationException.class).hasMessageContaining("535");
            assertThat(server.messages()).isEmpty();
        }
    }

    @Test
    void noMechanismInCommonIsNamedWithTheOffer() throws Exception {
        try (TestSmtpServer server = server("AUTH CRAM-MD5")) {
            assertThatThrownBy(() -> send(server, b -> b.credentials("user", "secret")))
                    .isInstanceOf(AuthenticationException.class).hasMessageContaining("[CRAM-MD5]")
                    .hasMessageContaining("none of PLAIN, LOGIN, XOAUTH2");
        }
    }
}
