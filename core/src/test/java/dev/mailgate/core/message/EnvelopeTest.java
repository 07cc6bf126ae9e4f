package dev.mailgate.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.core.address.EmailAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EnvelopeTest {
    /** The pairwise de-duplication of short lists must keep what {@code stream().distinct()} kept, in its order. */
    @Test
    void recipientsAreDistinctInFirstOccurrenceOrderAsWithAStream() {
        Random r = new Random(5321);
        String[] locals = {"a", "A", "b", "ana.lopez", "x+tag"};
        String[] domains = {"example.org", "EXAMPLE.org", "example.com", "Example.Com", "münchen.de", "xn--mnchen-3ya.de"};
        for (int round = 0; round < 20_000; round++) {
            List<EmailAddress> list = new ArrayList<>();
            for (int i = r.nextInt(r.nextInt(8) == 0 ? 60 : 20); i > 0; i--) {
                EmailAddress a = EmailAddress.of(r.nextBoolean() ? null : "N" + r.nextInt(3),
                        locals[r.nextInt(locals.length)] + "@" + domains[r.nextInt(domains.length)]);
                list.add(a);
            }
            List<EmailAddress> recipients = new Envelope(Optional.empty(), list).recipients();
            List<EmailAddress> expected = list.stream().distinct().toList();
            assertThat(recipients).isEqualTo(expected);
            for (int i = 0; i < expected.size(); i++) {
                assertThat(recipients.get(i)).isSameAs(expected.get(i));
            }
        }
    }
}
