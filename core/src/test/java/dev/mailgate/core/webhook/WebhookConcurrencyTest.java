package dev.mailgate.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Concurrent retries of one delivery (a provider that timed out and re-sent, two instances behind a load balancer
 * sharing a SeenEvents): many threads race the same event through one handler, and the listener sees it once.
 */
class WebhookConcurrencyTest {
    private static final int THREADS = 16;
    private static final int ROUNDS = 25;

    private static WebhookRequest delivery(int round) {
        return WebhookRequest.post(Map.of(), ("open user" + round + "@example.org").getBytes(StandardCharsets.UTF_8));
    }

    /** Every thread delivers the same event of each round at once; the listener is slow, so the window is wide. */
    private static List<WebhookResponse> race(WebhookHandler handler, int round) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<WebhookResponse>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return handler.handle(delivery(round));
                }));
            }
            start.countDown();
            List<WebhookResponse> responses = new ArrayList<>();
            for (Future<WebhookResponse> f : results) {
                responses.add(f.get(30, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void raceingRetriesReachTheListenerOnce() throws Exception {
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        WebhookHandler handler = WebhookHandler.builder(WebhookHandlerTest.LINES).authenticator(WebhookAuthenticator.none())
                .listener(events -> {
                    events.forEach(e -> calls.computeIfAbsent(e.details().recipient().orElseThrow().address(), k -> new AtomicInteger()).incrementAndGet());
                    Thread.sleep(20);
                }).build();
        int handed = 0;
        int duplicates = 0;
        int conflicts = 0;
        for (int round = 0; round < ROUNDS; round++) {
            for (WebhookResponse r : race(handler, round)) {
                assertThat(r.status()).as(r.error()).isIn(200, 503);
                if (r.status() == 503) {
                    assertThat(r.headers()).containsEntry("Retry-After", "5");
                }
                handed += r.events().size();
                duplicates += r.duplicates();
                conflicts += r.status() == 503 ? 1 : 0;
            }
        }
        assertThat(calls).hasSize(ROUNDS);
        assertThat(calls.values()).allSatisfy(n -> assertThat(n.get()).as("listener calls for one event").isEqualTo(1));
        assertThat(handed).isEqualTo(ROUNDS);
        assertThat(handed + duplicates + conflicts).isEqualTo(ROUNDS * THREADS);
        for (int round = 0; round < ROUNDS; round++) {
            WebhookResponse later = handler.handle(delivery(round));
            assertThat(later.status()).isEqualTo(200);
            assertThat(later.duplicates()).as("a later retry is a duplicate").isEqualTo(1);
        }
        System.getLogger(WebhookConcurrencyTest.class.getName()).log(System.Logger.Level.INFO, "webhook race: " + ROUNDS + " events x "
                + THREADS + " concurrent deliveries: listener called " + handed + " times, " + duplicates + " answered 200 as repeated, "
                + conflicts + " answered 503 while the first was in flight");
    }

    @Test
    void whenTheFirstListenerCallFailsTheEventIsHandedOverByALaterRetryOnce() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger handled = new AtomicInteger();
        WebhookHandler handler = WebhookHandler.builder(WebhookHandlerTest.LINES).authenticator(WebhookAuthenticator.none())
                .listener(events -> {
                    Thread.sleep(20);
                    if (calls.incrementAndGet() == 1) {
                        throw new IllegalStateException("database down");
                    }
                    handled.addAndGet(events.size());
                }).build();
        List<WebhookResponse> first = race(handler, 0);
        assertThat(first).extracting(WebhookResponse::status).isSubsetOf(500, 503, 200);
        assertThat(first).filteredOn(r -> r.status() == 500).hasSize(1);
        // Nobody was told 200 for an event that was not handled: every 200 of the race handed it over or saw it handled.
        assertThat(first).filteredOn(r -> r.status() == 200).allSatisfy(r -> assertThat(handled.get()).isEqualTo(1));
        WebhookResponse retry = handler.handle(delivery(0));
        assertThat(retry.status()).isEqualTo(200);
        assertThat(handled.get()).as("handled exactly once in the end").isEqualTo(1);
    }
}
