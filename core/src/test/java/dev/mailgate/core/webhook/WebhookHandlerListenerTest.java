package dev.mailgate.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgate.core.event.MailEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class WebhookHandlerListenerTest {
    /** Writes every call down as one short line. */
    static final class Recorder implements WebhookHandlerListener {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public void requestReceived(String format, WebhookRequest request) {
            calls.add("received " + format);
        }

        @Override
        public void authenticationRefused(String reason) {
            calls.add("refused " + reason);
        }

        @Override
        public void eventsDecoded(List<MailEvent> events) {
            calls.add("decoded " + events.size());
        }

        @Override
        public void duplicate(MailEvent event) {
            calls.add("duplicate " + event.recipient().orElseThrow().domain());
        }

        @Override
        public void listenerFailed(Exception error) {
            calls.add("listener failed " + error.getMessage());
        }

        @Override
        public void statusReturned(WebhookResponse response) {
            calls.add("status " + response.status());
        }

        @Override
        public void requestFailed(RuntimeException error) {
            calls.add("failed " + error.getMessage());
        }
    }

    private static WebhookRequest post(String auth, String body) {
        return WebhookRequest.post(auth == null ? Map.of() : Map.of("Authorization", "Basic "
                + Base64.getEncoder().encodeToString(auth.getBytes(StandardCharsets.UTF_8))), body.getBytes(StandardCharsets.UTF_8));
    }

    private static WebhookHandler.Builder handler(Recorder recorder) {
        return WebhookHandler.builder(WebhookHandlerTest.LINES).authenticator(BasicAuthenticator.of("hook", "secret"))
                .listener(events -> {
                }).handlerListener(recorder);
    }

    @Test
    void aDeliveryWithRepeatsIsHeardInTheDocumentedOrder() {
        Recorder r = new Recorder();
        WebhookHandler h = handler(r).build();
        h.handle(post("hook:secret", "open a@one.example\nopen b@two.example"));
        r.calls.clear();
        // the first line was handed over before, the last one repeats a line of this request
        h.handle(post("hook:secret", "open a@one.example\nopen c@three.example\nopen c@three.example"));
        assertThat(r.calls).containsExactly("received lines", "decoded 3", "duplicate one.example", "duplicate three.example", "status 200");
    }

    @Test
    void refusedMalformedAndWrongMethodRequestsEndWithTheirStatus() {
        Recorder r = new Recorder();
        WebhookHandler h = handler(r).build();
        h.handle(post("hook:wrong", "open a@one.example"));
        assertThat(r.calls).containsExactly("received lines", "refused wrong user name or password", "status 401");
        r.calls.clear();
        h.handle(post("hook:secret", "not-two-words"));
        assertThat(r.calls).containsExactly("received lines", "status 400");
        r.calls.clear();
        h.handle(new WebhookRequest("GET", Map.of(), new byte[0]));
        assertThat(r.calls).containsExactly("received lines", "status 405");
    }

    @Test
    void aFailingApplicationListenerIsHeardBeforeThe500() {
        Recorder r = new Recorder();
        WebhookHandler h = handler(r).listener(events -> {
            throw new IllegalStateException("database down");
        }).build();
        assertThat(h.handle(post("hook:secret", "open a@one.example")).status()).isEqualTo(500);
        assertThat(r.calls).containsExactly("received lines", "decoded 1", "listener failed database down", "status 500");
    }

    @Test
    void aHandlerThatThrowsEndsWithRequestFailed() {
        Recorder r = new Recorder();
        SeenEvents broken = new SeenEvents() {
            @Override
            public boolean contains(String key) {
                return false;
            }

            @Override
            public void addAll(Collection<String> keys) {
            }

            @Override
            public boolean claim(String key) {
                throw new IllegalStateException("store unreachable");
            }

            @Override
            public void release(Collection<String> keys) {
            }
        };
        WebhookHandler h = handler(r).seenEvents(broken).build();
        assertThatThrownBy(() -> h.handle(post("hook:secret", "open a@one.example"))).hasMessage("store unreachable");
        assertThat(r.calls).containsExactly("received lines", "decoded 1", "failed store unreachable");
    }

    @Test
    void aThrowingListenerChangesNothingAndTheOthersAreStillTold() {
        List<MailEvent> handed = new ArrayList<>();
        WebhookHandlerListener throwing = new WebhookHandlerListener() {
            @Override
            public void requestReceived(String format, WebhookRequest request) {
                throw new IllegalStateException("boom");
            }

            @Override
            public void eventsDecoded(List<MailEvent> events) {
                throw new IllegalStateException("boom");
            }

            @Override
            public void statusReturned(WebhookResponse response) {
                throw new IllegalStateException("boom");
            }
        };
        Recorder after = new Recorder();
        WebhookHandler h = WebhookHandler.builder(WebhookHandlerTest.LINES).authenticator(WebhookAuthenticator.none())
                .listener(handed::addAll).handlerListener(throwing).handlerListener(request -> {
                    throw new IllegalStateException("factory boom");
                }).handlerListener(after).build();
        WebhookResponse response = h.handle(post(null, "open a@one.example"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(handed).hasSize(1);
        assertThat(after.calls).containsExactly("received lines", "decoded 1", "status 200");
        // and the event was recorded as seen: the retry is a duplicate
        assertThat(h.handle(post(null, "open a@one.example")).duplicates()).isEqualTo(1);
    }

    @Test
    void aFactoryMakesOneListenerPerRequest() {
        List<Recorder> made = new CopyOnWriteArrayList<>();
        WebhookHandler h = WebhookHandler.builder(WebhookHandlerTest.LINES).authenticator(WebhookAuthenticator.none())
                .listener(events -> {
                }).handlerListener(request -> {
                    Recorder r = new Recorder();
                    made.add(r);
                    return r;
                }).build();
        h.handle(post(null, "open a@one.example"));
        h.handle(post(null, "open b@two.example"));
        assertThat(made).hasSize(2);
        assertThat(made).allSatisfy(r -> assertThat(r.calls).containsExactly("received lines", "decoded 1", "status 200"));
    }
}
