package dev.mailgate.testing;

import static dev.mailgate.testing.MailgateAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.transport.SendReceipt;
import dev.mailgate.core.transport.SendResult;
import dev.mailgate.core.transport.ServerRejectedException;
import dev.mailgate.core.transport.SmtpReply;
import dev.mailgate.core.validation.ValidationException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FakeTransportTest {
    private static EmailMessage to(String recipients) {
        return EmailMessage.builder().from("news@example.com").to(recipients).subject("Hi").text("hello").build();
    }

    @Test
    void rcpt550RejectsOnlyThatRecipient() {
        try (FakeTransport fake = FakeTransport.builder().rejectRecipient("gone@example.org", SmtpReply.of(550, "5.1.1 user unknown")).build()) {
            SendReceipt receipt = fake.send(to("ok@example.org, gone@example.org"));
            assertThat(receipt).acceptedExactly("ok@example.org").rejected("gone@example.org", 550);
            assertThat(fake.recorder()).hasSent(1).hasSentTo("ok@example.org");
        }
    }

    @Test
    void everyRecipientRejectedFailsTheSend() {
        try (FakeTransport fake = FakeTransport.builder().rejectRecipient("gone@example.org", SmtpReply.of(550, "5.1.1 user unknown")).build()) {
            assertThatThrownBy(() -> fake.send(to("gone@example.org")))
                    .isInstanceOfSatisfying(ServerRejectedException.class, e -> org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo(550));
            assertThat(fake.recorder()).hasSentNothing();
        }
    }

    @Test
    void nthSendFailsWith421AndTheBatchGoesOn() {
        try (FakeTransport fake = FakeTransport.builder().failSend(2, SmtpReply.of(421, "4.3.2 shutting down")).build()) {
            List<SendResult> results = fake.sendBatch(List.of(to("a@x.org"), to("b@x.org"), to("c@x.org")));
            org.assertj.core.api.Assertions.assertThat(results).extracting(r -> r.getClass().getSimpleName()).containsExactly("Sent", "Failed", "Sent");
            SendResult.Failed failed = (SendResult.Failed) results.get(1);
            org.assertj.core.api.Assertions.assertThat(failed.error().isRetrySafe()).isTrue();
            assertThat(fake.recorder()).hasSent(2).hasNotSentTo("b@x.org");
            org.assertj.core.api.Assertions.assertThat(fake.attempts()).isEqualTo(3);
        }
    }

    @Test
    void invalidMessageIsRefusedBeforeSending() {
        try (FakeTransport fake = FakeTransport.builder().build()) {
            EmailMessage noRecipient = EmailMessage.builder().from("a@x.org").subject("x").build();
            assertThatThrownBy(() -> fake.send(noRecipient)).isInstanceOf(ValidationException.class);
            assertThat(fake.recorder()).hasSentNothing();
        }
    }

    @Test
    void delayedSendCompletesAsynchronously() throws Exception {
        try (FakeTransport fake = FakeTransport.builder().delay(Duration.ofMillis(30)).build()) {
            SendReceipt receipt = fake.sendAsync(to("a@x.org")).get(5, TimeUnit.SECONDS);
            assertThat(receipt).acceptedExactly("a@x.org").hasProviderMessageId("recording-1");
        }
    }
}
