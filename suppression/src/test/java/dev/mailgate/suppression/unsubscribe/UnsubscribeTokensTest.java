package dev.mailgate.suppression.unsubscribe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.event.MailEvent;
import dev.mailgate.core.event.UnsubscribeScope;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.mime.MimeWriter;
import dev.mailgate.core.suppression.SuppressionList;
import dev.mailgate.suppression.SuppressionPolicy;
import dev.mailgate.suppression.Suppressions;
import dev.mailgate.suppression.store.InMemorySuppressionStore;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UnsubscribeTokensTest {
    private static final byte[] K1 = "k1-0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] K2 = "k2-0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final EmailAddress JANE = EmailAddress.parse("jane@example.org");
    private final Clock now = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void aTokenUnsubscribesItsRecipientFromItsCampaign() {
        UnsubscribeTokens tokens = UnsubscribeTokens.of(Map.of("k1", K1), "k1", now);
        String token = tokens.issue(JANE, Optional.of("nov-2026"), Duration.ofDays(60));
        UnsubscribeRequest request = tokens.verify(token);
        assertThat(request.recipient()).isEqualTo(JANE);
        assertThat(request.campaign()).contains("nov-2026");

        MailEvent.Unsubscribed event = request.toEvent(now.instant());
        assertThat(event.scope()).isEqualTo(UnsubscribeScope.CAMPAIGN);
        Suppressions s = new Suppressions(new InMemorySuppressionStore(), SuppressionPolicy.defaults());
        assertThat(s.ingest(event)).hasSize(1);
        assertThat(s.ingest(tokens.verify(token).toEvent(now.instant()))).as("a second click changes nothing").isEmpty();
        assertThat(s.blocked(List.of(JANE), Optional.of("nov-2026"))).containsEntry(JANE, SuppressionList.UNSUBSCRIBED);
    }

    @Test
    void forgedTamperedExpiredAndRotatedOutTokensAreRefused() {
        UnsubscribeTokens tokens = UnsubscribeTokens.of(Map.of("k1", K1), "k1", now);
        String token = tokens.issue(JANE, Optional.empty(), Duration.ofDays(1));
        String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
        String otherRecipient = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.replace("jane@", "john@").getBytes(StandardCharsets.UTF_8))
                + token.substring(token.indexOf('.'));
        assertThatThrownBy(() -> tokens.verify(otherRecipient)).isInstanceOf(InvalidTokenException.class).hasMessageContaining("does not verify");
        assertThatThrownBy(() -> tokens.verify(token.substring(0, token.length() - 2) + "AA")).hasMessageContaining("does not verify");
        assertThatThrownBy(() -> tokens.verify("garbage")).hasMessageContaining("malformed");
        assertThatThrownBy(() -> tokens.verify("a.b")).isInstanceOf(InvalidTokenException.class);

        UnsubscribeTokens later = UnsubscribeTokens.of(Map.of("k1", K1), "k1", Clock.offset(now, Duration.ofDays(2)));
        assertThatThrownBy(() -> later.verify(token)).hasMessageContaining("expired");

        UnsubscribeTokens forger = UnsubscribeTokens.of(Map.of("k1", K2), "k1", now);
        assertThatThrownBy(() -> tokens.verify(forger.issue(JANE, Optional.empty(), Duration.ofDays(1)))).hasMessageContaining("does not verify");
    }

    @Test
    void keysRotate() {
        String old = UnsubscribeTokens.of(Map.of("k1", K1), "k1", now).issue(JANE, Optional.empty(), Duration.ofDays(30));
        UnsubscribeTokens rotating = UnsubscribeTokens.of(Map.of("k1", K1, "k2", K2), "k2", now);
        assertThat(rotating.verify(old).recipient()).isEqualTo(JANE);
        assertThat(rotating.verify(rotating.issue(JANE, Optional.empty(), Duration.ofDays(30))).recipient()).isEqualTo(JANE);
        UnsubscribeTokens rotatedOut = UnsubscribeTokens.of(Map.of("k2", K2), "k2", now);
        assertThatThrownBy(() -> rotatedOut.verify(old)).hasMessageContaining("not configured");
        assertThatThrownBy(() -> UnsubscribeTokens.of(Map.of("k1", new byte[8]), "k1", now)).hasMessageContaining("32");
    }

    @Test
    void testEmailsCarryATokenThatUnsubscribesNobody() {
        UnsubscribeTokens tokens = UnsubscribeTokens.of("k1", K1);
        assertThatThrownBy(() -> tokens.verify(UnsubscribeTokens.TEST_TOKEN)).hasMessageContaining("test e-mail");
    }

    @Test
    void theHeadersAreRfc8058OneClick() {
        UnsubscribeTokens tokens = UnsubscribeTokens.of(Map.of("k1", K1), "k1", now);
        String token = tokens.issue(JANE, Optional.of("nov"), Duration.ofDays(60));
        EmailMessage.Builder b = EmailMessage.builder().from("news@example.com").to(JANE).subject("News").text("Hi");
        tokens.addHeaders(b, URI.create("https://example.com/unsubscribe"), Optional.of(URI.create("mailto:unsub@example.com")), token);
        String rendered = new String(MimeWriter.standard().toBytes(b.build()), StandardCharsets.US_ASCII).replace("\r\n ", " ");
        assertThat(rendered).contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click")
                .contains("<https://example.com/unsubscribe?t=" + token + ">").contains("<mailto:unsub@example.com>");
    }
}
