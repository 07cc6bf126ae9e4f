package dev.mailgate.suppression.unsubscribe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.suppression.SuppressionList;
import dev.mailgate.suppression.SuppressionPolicy;
import dev.mailgate.suppression.Suppressions;
import dev.mailgate.suppression.store.InMemorySuppressionStore;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OneClickEndpointTest {
    private static final byte[] BODY = "List-Unsubscribe=One-Click".getBytes(StandardCharsets.US_ASCII);
    private final UnsubscribeTokens tokens = UnsubscribeTokens.of("k1", "k1-0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    private final Suppressions suppressions = new Suppressions(new InMemorySuppressionStore(), SuppressionPolicy.defaults());
    private final OneClickEndpoint endpoint = new OneClickEndpoint(tokens, suppressions, Clock.systemUTC());
    private final EmailAddress jane = EmailAddress.parse("jane@example.org");

    @Test
    void aPostWithAValidTokenUnsubscribes() {
        URI uri = URI.create("https://example.com/u?t=" + tokens.issue(jane, Optional.of("nov"), Duration.ofDays(30)));
        assertThat(endpoint.handle("GET", uri, new byte[0]).status()).as("a link scanner's GET changes nothing").isEqualTo(405);
        assertThat(suppressions.blocked(List.of(jane), Optional.of("nov"))).isEmpty();
        OneClickEndpoint.Result r = endpoint.handle("POST", uri, BODY);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.message()).contains("jane@example.org").contains("nov");
        assertThat(suppressions.blocked(List.of(jane), Optional.of("nov"))).containsEntry(jane, SuppressionList.UNSUBSCRIBED);
        assertThat(endpoint.handle("POST", uri, BODY).status()).as("a repeated click").isEqualTo(200);
    }

    @Test
    void badTokensAndBodiesAre400() {
        assertThat(endpoint.handle("POST", URI.create("https://example.com/u?t=forged.token"), BODY).status()).isEqualTo(400);
        assertThat(endpoint.handle("POST", URI.create("https://example.com/u?t=" + UnsubscribeTokens.TEST_TOKEN), BODY).message())
                .contains("test e-mail");
        assertThat(endpoint.handle("POST", URI.create("https://example.com/u"), BODY).status()).isEqualTo(400);
        URI ok = URI.create("https://example.com/u?t=" + tokens.issue(jane, Optional.empty(), Duration.ofDays(1)));
        assertThat(endpoint.handle("POST", ok, "x=y".getBytes(StandardCharsets.US_ASCII)).status()).isEqualTo(400);
        assertThat(suppressions.blocked(List.of(jane), Optional.empty())).isEmpty();
    }
}
