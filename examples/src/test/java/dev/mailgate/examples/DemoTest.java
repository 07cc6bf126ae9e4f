package dev.mailgate.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The demo's whole loop, and the numbers of its summary table. */
class DemoTest {
    @Test
    void demoReportsTheNumbersItPrints() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Demo.Summary s = Demo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String printed = bytes.toString(StandardCharsets.UTF_8);

        // 300 newsletters and one broken message with no From, no recipient and over 300 KB: three violations at once
        assertThat(s.validated()).isEqualTo(301);
        assertThat(s.violations()).isEqualTo(3);
        // reader13's mailbox does not exist: 550 5.1.1 at RCPT TO
        assertThat(s.sent()).isEqualTo(300);
        assertThat(s.accepted()).isEqualTo(299);
        assertThat(s.rejectedAtRcpt()).isEqualTo(1);
        // hard: reader3 and reader4 (DSN), reader21 (CloudMailin webhook), reader13 (RCPT); soft: reader7 three times, reader8 once
        assertThat(s.bouncedHard()).isEqualTo(4);
        assertThat(s.bouncedSoft()).isEqualTo(4);
        assertThat(s.complaints()).isEqualTo(1);
        assertThat(s.autoReplies()).isEqualTo(1);
        // suppressed: the four hard bounces, the complaint (reader9), reader7 at the soft threshold of three; reader8 stays
        assertThat(s.suppressed()).isEqualTo(6);
        assertThat(s.unsubscribed()).isEqualTo(1);
        // one POST: 4 hard and 4 soft bounces, the unsubscribe, and the complaint (an "unsubscribe" in that JSON)
        assertThat(s.callbackDeliveries()).isEqualTo(1);
        assertThat(s.callbackEvents()).isEqualTo(10);
        // the second send skips the six suppressed and reader5, unsubscribed from this campaign
        assertThat(s.secondSendSkipped()).isEqualTo(7);
        assertThat(s.secondSendAccepted()).isEqualTo(293);

        assertThat(printed).contains("[core.from-present]", "[core.recipient-present]", "[core.max-size]")
                .contains("reader3@example.org -> hard / userunknown / 5.1.1")
                .contains("reader7@example.org -> soft / mailboxfull / 4.2.2")
                .contains("reader9@example.org -> complaint")
                .contains("reader10@example.org -> autoreply")
                .contains("CloudMailin webhook POST (a hard bounce for reader21): HTTP 200")
                .contains("one-click POST answered HTTP 200")
                .contains("listener: + UNSUBSCRIBED (nov-2026) reader5@example.org")
                .contains("listener: + SUPPRESSED reader7@example.org")
                .contains("progress: 300/300");
    }

    @Test
    void greenMailsSlf4jFindsABindingSoTheDemoStartsWithoutWarnings() throws ClassNotFoundException {
        // Without one SLF4J 1.7 prints three "Failed to load class org.slf4j.impl.StaticLoggerBinder" lines to
        // stderr before the demo's first line (the examples module adds slf4j-nop at runtime).
        assertThat(Class.forName("org.slf4j.impl.StaticLoggerBinder")).isNotNull();
    }
}
