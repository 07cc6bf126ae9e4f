package dev.mailgate.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SmtpReplyTest {
    @Test
    void enhancedStatusIsSplitFromTheText() {
        SmtpReply reply = SmtpReply.of(550, "5.1.1 <x@y.org>: Recipient address rejected");
        assertThat(reply.status()).contains(new EnhancedStatusCode(5, 1, 1));
        assertThat(reply.text()).isEqualTo("<x@y.org>: Recipient address rejected");
        assertThat(reply.isPermanentFailure()).isTrue();
        assertThat(reply.toString()).isEqualTo("550 5.1.1 <x@y.org>: Recipient address rejected");
    }

    @Test
    void replyWithoutStatusHasNone() {
        SmtpReply reply = SmtpReply.of(421, "mx.example.com closing, version 1.2.3 is busy");
        assertThat(reply.status()).isEmpty();
        assertThat(reply.isTransientFailure()).isTrue();
    }

    @Test
    void statusIsFoundInsideDiagnosticText() {
        assertThat(EnhancedStatusCode.find("smtp; 550 5.7.1 blocked by policy")).contains(new EnhancedStatusCode(5, 7, 1));
        assertThat(EnhancedStatusCode.find("version 10.4.1.2 of the server")).isEmpty();
        assertThatThrownBy(() -> EnhancedStatusCode.parse("3.1.1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void retrySafetyFollowsTheReplyClass() {
        assertThat(new ServerRejectedException("RCPT", SmtpReply.of(452, "4.5.3 too many recipients")).isRetrySafe()).isTrue();
        assertThat(new ServerRejectedException("RCPT", SmtpReply.of(550, "5.1.1 unknown")).isRetrySafe()).isFalse();
        assertThat(new OutcomeUnknownException("m@x", null).isRetrySafe()).isFalse();
        assertThat(new ConnectionException("refused", null).isRetrySafe()).isTrue();
    }
}
