package dev.mailgate.testing;

import static dev.mailgate.testing.MailgateAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgate.core.Mailgate;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.spi.ProviderConfigException;
import dev.mailgate.core.transport.ConnectionException;
import dev.mailgate.core.transport.Transport;
import dev.mailgate.core.validation.ValidationException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MailgateExtension.class)
class RecordingTransportTest {

    @Test
    void extensionHandsOverARecordingTransport(RecordingTransport mail) {
        EmailMessage m = EmailMessage.builder().from("a@example.com").to("b@example.org").bcc("c@example.org")
                .subject("Welcome").text("hi").build();
        mail.send(m);
        assertThat(mail).hasSent(1);
        assertThat(mail.last()).hasHeader("Subject", "Welcome").doesNotHaveHeader("Bcc")
                .hasEnvelopeRecipients("b@example.org", "c@example.org")
                .wireContains("Message-ID: <" + m.messageId().orElseThrow() + ">");
    }

    @Test
    void closedTransportRefusesToSend() {
        RecordingTransport t = new RecordingTransport();
        t.close();
        assertThatThrownBy(() -> t.send(EmailMessage.builder().from("a@x.org").to("b@x.org").build()))
                .isInstanceOf(ConnectionException.class).hasMessageContaining("closed");
    }

    @Test
    void providerIsFoundByIdAndAppliesItsConfig() {
        try (Transport t = Mailgate.transport("recording", Map.of("max-size", "500"))) {
            EmailMessage big = EmailMessage.builder().from("a@x.org").to("b@x.org").text("x".repeat(1000)).build();
            assertThatThrownBy(() -> t.send(big)).isInstanceOfSatisfying(ValidationException.class,
                    e -> org.assertj.core.api.Assertions.assertThat(e.violations()).extracting(v -> v.ruleId()).containsExactly("core.max-size"));
            org.assertj.core.api.Assertions.assertThat(t).isInstanceOf(RecordingTransport.class);
        }
        assertThatThrownBy(() -> Mailgate.transport("recording", Map.of("max-size", "lots")))
                .isInstanceOf(ProviderConfigException.class).hasMessageContaining("max-size");
        assertThatThrownBy(() -> Mailgate.transport("recording", Map.of("maxsize", "1")))
                .isInstanceOf(ProviderConfigException.class).hasMessageContaining("unknown key");
    }
}
