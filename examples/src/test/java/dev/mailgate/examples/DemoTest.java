package dev.mailgate.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DemoTest {
    @Test
    void demoReportsTheNumbersItPrints() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Demo.Summary s = Demo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String printed = bytes.toString(StandardCharsets.UTF_8);

        assertThat(s.messages()).isEqualTo(26);
        // The broken message has no From, no recipient and is over 300 KB: three violations at once.
        assertThat(s.violations()).isEqualTo(3);
        assertThat(s.sent()).isEqualTo(25);
        assertThat(s.failed()).isZero();
        assertThat(s.parsedSubject()).isEqualTo("November news — Grüße aus Köln");
        assertThat(printed).contains("[core.from-present]", "[core.recipient-present]", "[core.max-size]")
                .contains("recording").contains(String.format("%6d", s.renderedOctets()));
    }
}
