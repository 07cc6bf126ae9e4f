package dev.mailgate.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DemoTest {
    @Test
    void demoReportsTheNumbersItPrints() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Demo.Summary s = Demo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String printed = bytes.toString(StandardCharsets.UTF_8);

        assertThat(s.messages()).isEqualTo(26);
        // The broken message has no From, no recipient and is over 300 KB: three violations at once.
        assertThat(s.violations()).isEqualTo(3);
        // reader13's mailbox does not exist (550 5.1.1), so that one send fails and 24 arrive.
        assertThat(s.sent()).isEqualTo(24);
        assertThat(s.failed()).isEqualTo(1);
        assertThat(s.serverReceived()).isEqualTo(24);
        assertThat(s.parsedSubject()).isEqualTo("November news — Grüße aus Köln");
        assertThat(printed).contains("[core.from-present]", "[core.recipient-present]", "[core.max-size]")
                .contains("PASSED   tls", "PASSED   auth", "550 5.1.1", "TLS: true")
                // The refused message was certainly not accepted, so it does not use up the daily quota.
                .contains("24 of today's quota of 500 used")
                .contains(String.format("%6d", s.renderedOctets()));
    }
}
