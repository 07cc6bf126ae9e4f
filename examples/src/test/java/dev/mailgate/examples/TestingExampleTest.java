package dev.mailgate.examples;

import static dev.mailgate.testing.MailgateAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.transport.ServerRejectedException;
import dev.mailgate.core.transport.SmtpReply;
import dev.mailgate.core.transport.Transport;
import dev.mailgate.testing.FakeTransport;
import dev.mailgate.testing.RecordingTransport;
import org.junit.jupiter.api.Test;

/**
 * Testing your own code with Mailgate's testing module: give it a {@link RecordingTransport} (or a scripted
 * {@link FakeTransport}) instead of the real one and assert what it would have sent. Copy this file.
 */
class TestingExampleTest {
    /** The code under test: your application's service. */
    static final class WelcomeMailer {
        private final Transport transport;

        WelcomeMailer(Transport transport) {
            this.transport = transport;
        }

        void welcome(String address) {
            transport.send(EmailMessage.builder().from("hello@example.com").to(address).subject("Welcome!").text("Glad you are here.").build());
        }
    }

    // snippet:testing
    @Test
    void sendsOneWelcomeMail() {
        RecordingTransport transport = new RecordingTransport();     // renders and validates like the real one
        new WelcomeMailer(transport).welcome("jane@example.org");
        assertThat(transport).hasSent(1).hasSentTo("jane@example.org");
        assertThat(transport.last()).hasHeader("Subject", "Welcome!");
    }

    @Test
    void aRejectedRecipientSurfacesAsATypedError() {
        FakeTransport transport = FakeTransport.builder()
                .rejectRecipient("gone@example.org", SmtpReply.of(550, "5.1.1 user unknown")).build();
        assertThatThrownBy(() -> new WelcomeMailer(transport).welcome("gone@example.org"))
                .isInstanceOf(ServerRejectedException.class);
    }
    // end:testing
}
