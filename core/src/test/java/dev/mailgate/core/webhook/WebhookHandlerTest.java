package dev.mailgate.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.event.CallbackCodec;
import dev.mailgate.core.event.CallbackFormatException;
import dev.mailgate.core.event.EventDetails;
import dev.mailgate.core.event.MailEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class WebhookHandlerTest {
    /** A line format for the test: one "kind recipient" per line. */
    static final CallbackCodec LINES = new CallbackCodec() {
        @Override
        public String format() {
            return "lines";
        }

        @Override
        public List<MailEvent> decode(byte[] payload, Instant receivedAt) {
            List<MailEvent> out = new ArrayList<>();
            String[] lines = new String(payload, StandardCharsets.UTF_8).split("\n");
            for (int i = 0; i < lines.length; i++) {
                String[] parts = lines[i].split(" ");
                if (parts.length != 2) {
                    throw new CallbackFormatException("lines", "line " + (i + 1), "expected 'kind recipient'", null);
                }
                EventDetails d = EventDetails.builder("lines", receivedAt).recipient(EmailAddress.parse(parts[1])).rawPayload(lines[i]).build();
                out.add(parts[0].equals("open") ? new MailEvent.Opened(d) : new MailEvent.Unknown(d, parts[0]));
            }
            return out;
        }
    };

    private final List<MailEvent> received = new ArrayList<>();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);

    private WebhookHandler.Builder handler() {
        return WebhookHandler.builder(LINES).clock(clock).authenticator(BasicAuthenticator.of(Map.of("hook", "old-secret", "hook2", "new-secret")))
                .listener(received::addAll);
    }

    private static WebhookRequest post(String auth, String body) {
        return WebhookRequest.post(auth == null ? Map.of() : Map.of("authorization", "Basic "
                + Base64.getEncoder().encodeToString(auth.getBytes(StandardCharsets.UTF_8))), body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void authenticRequestsAreDecodedAndHandedOver() {
        WebhookResponse r = handler().build().handle(post("hook:old-secret", "open a@example.org\nmystery b@example.org"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(received).hasSize(2);
        assertThat(received.get(1)).isInstanceOf(MailEvent.Unknown.class);
        assertThat(received.get(0).details().receivedAt()).isEqualTo(clock.instant());
    }

    @Test
    void rotatedCredentialsBothWorkAndWrongOnesGet401WithAChallenge() {
        WebhookHandler h = handler().build();
        assertThat(h.handle(post("hook2:new-secret", "open a@example.org")).status()).isEqualTo(200);
        for (String bad : new String[] {"hook:wrong", "hook:new-secret", "nobody:old-secret", null}) {
            WebhookResponse r = h.handle(post(bad, "open x@example.org"));
            assertThat(r.status()).as(String.valueOf(bad)).isEqualTo(401);
            assertThat(r.headers()).containsKey("WWW-Authenticate");
        }
        WebhookRequest notBasic = WebhookRequest.post(Map.of("Authorization", "Bearer abc"), "open a@example.org".getBytes());
        assertThat(h.handle(notBasic).status()).isEqualTo(401);
        WebhookRequest garbage = WebhookRequest.post(Map.of("Authorization", "Basic !!!"), "open a@example.org".getBytes());
        assertThat(h.handle(garbage).status()).isEqualTo(401);
        assertThat(received).hasSize(1);
    }

    @Test
    void malformedIsA400ThatSaysWhere() {
        WebhookResponse r = handler().build().handle(post("hook:old-secret", "open a@example.org\nbroken"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error()).contains("line 2");
        assertThat(received).isEmpty();
    }

    @Test
    void limitsAndMethods() {
        WebhookHandler h = handler().maxBodyBytes(16).build();
        assertThat(h.handle(post("hook:old-secret", "open somebody@example.org")).status()).isEqualTo(413);
        WebhookResponse get = h.handle(new WebhookRequest("GET", Map.of(), new byte[0]));
        assertThat(get.status()).isEqualTo(405);
        assertThat(get.headers()).containsEntry("Allow", "POST");
    }

    @Test
    void aRetriedDeliveryIsNotCountedTwice() {
        WebhookHandler h = handler().build();
        assertThat(h.handle(post("hook:old-secret", "open a@example.org")).events()).hasSize(1);
        WebhookResponse again = h.handle(post("hook:old-secret", "open a@example.org\nopen b@example.org"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.events()).hasSize(1);
        assertThat(again.duplicates()).isEqualTo(1);
        assertThat(received).hasSize(2);
    }

    @Test
    void aFailingListenerGets500AndTheRetryIsHandled() {
        AtomicBoolean fail = new AtomicBoolean(true);
        WebhookHandler h = handler().listener(events -> {
            if (fail.get()) {
                throw new IllegalStateException("database down");
            }
            received.addAll(events);
        }).build();
        assertThat(h.handle(post("hook:old-secret", "open a@example.org")).status()).isEqualTo(500);
        fail.set(false);
        WebhookResponse retry = h.handle(post("hook:old-secret", "open a@example.org"));
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.events()).hasSize(1);
    }

    @Test
    void seenEventsExpireAfterTheirWindow() {
        Instant[] now = {Instant.parse("2026-11-23T12:00:00Z")};
        Clock moving = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        SeenEvents seen = SeenEvents.inMemory(Duration.ofHours(1), 2, moving);
        seen.addAll(List.of("a", "b", "c"));
        assertThat(seen.contains("a")).as("over the size bound, the oldest goes").isFalse();
        assertThat(seen.contains("c")).isTrue();
        now[0] = now[0].plus(Duration.ofHours(2));
        assertThat(seen.contains("c")).isFalse();
    }

    @Test
    void anOpenEndpointMustBeAskedFor() {
        assertThatThrownBy(() -> WebhookHandler.builder(LINES).listener(e -> { }).build())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("authenticator");
        assertThatThrownBy(() -> BasicAuthenticator.of(Map.of("a:b", "c"))).hasMessageContaining("':'");
    }
}
