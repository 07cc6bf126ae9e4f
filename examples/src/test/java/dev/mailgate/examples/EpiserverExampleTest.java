package dev.mailgate.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.core.event.BounceClass;
import dev.mailgate.core.event.MailEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EpiserverExampleTest {
    @Test
    void theExampleDoesWhatItSays() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        EpiserverExample.Summary s = EpiserverExample.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String printed = bytes.toString(StandardCharsets.UTF_8);

        // From outside the sending domain, two To addresses, a Cc, an empty subject: four rules at once
        assertThat(s.violations()).isEqualTo(4);
        assertThat(printed).contains("episerver.from-sending-domain", "episerver.single-to", "episerver.no-cc-bcc", "episerver.subject");
        assertThat(s.sent()).isEqualTo(3);
        assertThat(s.mailFrom()).containsOnly("newsletter@news.example.com");
        assertThat(s.events()).singleElement().isInstanceOfSatisfying(MailEvent.Bounced.class, b -> {
            assertThat(b.bounceClass()).isEqualTo(BounceClass.HARD);
            assertThat(b.recipient()).hasValueSatisfying(a -> assertThat(a.address()).isEqualTo("cleo@example.org"));
        });
    }
}
