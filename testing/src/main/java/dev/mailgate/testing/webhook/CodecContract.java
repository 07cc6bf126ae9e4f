package dev.mailgate.testing.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.mailgate.core.event.CallbackCodec;
import dev.mailgate.core.event.CallbackFormatException;
import dev.mailgate.core.event.EventType;
import dev.mailgate.core.event.MailEvent;
import dev.mailgate.core.webhook.WebhookAuthenticator;
import dev.mailgate.core.webhook.WebhookHandler;
import dev.mailgate.core.webhook.WebhookRequest;
import dev.mailgate.core.webhook.WebhookResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * What every provider's webhook codec and authenticator must do; a provider's codec test extends this and supplies
 * the codec, its fixtures and a way to sign requests with keys the test generates.
 *
 * <p>Fixtures: every {@code src/test/resources/<fixtureDirectory>/<scenario>.json} is decoded and compared with
 * {@code <scenario>.expected.json} beside it, which holds {@link EventJson} text: the events, or
 * {@code {"error": {"format", "location"}}} for a payload that must be refused. A fixture without its expected file
 * fails, so no case goes unchecked. Run with {@code -Dmailgate.fixtures.update=true} to write the expected files
 * from what the codec decodes (then read the diff: that is the review).
 *
 * <p>Decoding: an unknown kind is {@link MailEvent.Unknown} with its raw JSON; malformed, oversized and deeply
 * nested payloads are a {@link CallbackFormatException} naming a location; encode then decode keeps the events where
 * the codec encodes. Authentication: a good request passes; a wrong key, a timestamp outside the replay window
 * (both sides), each missing credential and a tampered request are refused with a reason for the log, and through a
 * {@link WebhookHandler} a refusal is a 401 whose body says nothing about why, while the logged reason names no
 * {@link #secrets() secret}. A scheme without a signed timestamp (basic auth) opts out of the replay check with
 * {@link #hasSignedTimestamp()}, one that signs no body (credentials alone) out of the tamper check with
 * {@link #hasSignedBody()}: each then asserts that such a request passes, so the test says what the scheme does.
 */
public abstract class CodecContract {
    /** The clock of every test: fixtures and signed requests are made for this instant. */
    protected static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    protected abstract CallbackCodec codec();

    /** The resource folder of the fixtures, e.g. {@code sendgrid}. */
    protected abstract String fixtureDirectory();

    /** A payload in the format whose single event is of a kind the codec does not know. */
    protected abstract byte[] unknownKindPayload();

    /** The kind used in {@link #unknownKindPayload()}. */
    protected abstract String unknownKind();

    /** A payload of the format whose event carries {@code json} (any JSON value) as the value of one of its fields. */
    protected abstract byte[] payloadNesting(String json);

    /** The largest payload the codec reads, in bytes. */
    protected abstract int maxPayloadBytes();

    /** A payload the codec decodes, used as the body of the authentication tests. */
    protected abstract byte[] validPayload();

    /** The provider's authenticator, reading time from {@code clock}. */
    protected abstract WebhookAuthenticator authenticator(Clock clock);

    /** A request as the provider would send it at {@code at}, signed with the configured key or with another. */
    protected abstract WebhookRequest signedRequest(byte[] body, Instant at, boolean rightKey);

    /** The headers authentication reads: removing any one must fail it (empty when all is in the body). */
    protected abstract List<String> authenticationHeaders();

    /** The replay window the authenticator is configured with. */
    protected abstract Duration replayWindow();

    /**
     * Whether the provider's documented scheme carries a signed timestamp, so that a replay can be refused. True by
     * default; a provider authenticated by basic auth alone (Postmark, SparkPost) has nothing to date a request by and
     * overrides this with false: the replay test then checks that such a request is judged by its credentials alone
     * (accepted whatever {@code at} is) rather than pretending to a protection the scheme does not give.
     */
    protected boolean hasSignedTimestamp() {
        return true;
    }

    /**
     * Whether the provider's documented scheme covers the body, so that an altered body is refused. True by default;
     * a provider authenticated by credentials alone (Brevo's Basic or bearer token, Mailjet's Basic credentials in the
     * URL) overrides this with false: the tamper test then checks that a {@link #tampered(WebhookRequest) tampered}
     * request with good credentials passes, the protection such a scheme does not give, stated rather than hidden.
     */
    protected boolean hasSignedBody() {
        return true;
    }

    /**
     * The secrets the test configured (keys, passwords): no refusal reason may contain one, because the reason is
     * logged. Empty by default.
     */
    protected List<String> secrets() {
        return List.of();
    }

    /**
     * The signed request with each piece of its credentials missing in turn. By default: without each of
     * {@link #authenticationHeaders()}, and without all of them. A provider that signs inside the body overrides this.
     */
    protected List<WebhookRequest> missingCredentials(WebhookRequest signed) {
        List<WebhookRequest> out = new ArrayList<>();
        for (String header : authenticationHeaders()) {
            assertThat(signed.header(header)).as("the signed request has " + header).isPresent();
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.putAll(signed.headers());
            headers.remove(header);
            out.add(new WebhookRequest(signed.method(), headers, signed.body()));
        }
        if (!authenticationHeaders().isEmpty()) {
            out.add(new WebhookRequest(signed.method(), Map.of(), signed.body()));
        }
        return out;
    }

    /** The signed request changed after signing; by default its body gets one more space. */
    protected WebhookRequest tampered(WebhookRequest signed) {
        byte[] body = signed.body();
        byte[] changed = new byte[body.length + 1];
        System.arraycopy(body, 0, changed, 0, body.length);
        changed[body.length] = ' ';
        return new WebhookRequest(signed.method(), signed.headers(), changed);
    }

    @TestFactory
    Stream<DynamicTest> everyFixtureDecodesToItsExpectedFile() throws IOException {
        Path dir = fixtureRoot();
        List<Path> payloads;
        try (Stream<Path> files = Files.list(dir)) {
            payloads = files.filter(p -> p.toString().endsWith(".json") && !p.toString().endsWith(".expected.json")).sorted().toList();
        }
        assertThat(payloads).as("fixtures in " + dir).isNotEmpty();
        List<String> outcomes = new ArrayList<>();
        for (Path p : payloads) {
            outcomes.add(decodeToJson(Files.readAllBytes(p)));
        }
        assertThat(outcomes).as("at least one fixture decodes to events").anyMatch(o -> o.startsWith("["));
        assertThat(outcomes).as("at least one fixture is refused with a location").anyMatch(o -> o.startsWith("{\n  \"error\""));
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            Path payload = payloads.get(i);
            String actual = outcomes.get(i);
            String name = payload.getFileName().toString();
            tests.add(DynamicTest.dynamicTest(name, () -> compare(payload, actual)));
        }
        return tests.stream();
    }

    private void compare(Path payload, String actual) throws IOException {
        Path expected = payload.resolveSibling(payload.getFileName().toString().replaceFirst("\\.json$", ".expected.json"));
        if (Boolean.getBoolean("mailgate.fixtures.update")) {
            Path source = Path.of(expected.toString().replace("target" + java.io.File.separator + "test-classes",
                    "src" + java.io.File.separator + "test" + java.io.File.separator + "resources"));
            Files.writeString(source, actual, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(expected)) {
            fail("no " + expected.getFileName() + " beside " + payload.getFileName() + "; it decodes to:\n" + actual);
        }
        assertThat(actual).as(payload.getFileName().toString()).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8).replace("\r\n", "\n"));
    }

    private String decodeToJson(byte[] payload) {
        try {
            List<MailEvent> events = codec().decode(payload, NOW);
            events.forEach(e -> assertThat(e.details().rawPayload()).as("every event keeps its raw JSON").isNotBlank());
            return EventJson.render(events);
        } catch (CallbackFormatException e) {
            assertThat(e.location()).as("the error names a location").isNotBlank();
            return EventJson.render(e);
        }
    }

    private Path fixtureRoot() {
        URL url = getClass().getResource("/" + fixtureDirectory());
        if (url == null) {
            throw new IllegalStateException("no fixture folder /" + fixtureDirectory() + " on the test class path");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(url + " is not a folder", e);
        }
    }

    @Test
    void anUnknownKindIsKeptWholeAsUnknown() {
        List<MailEvent> events = codec().decode(unknownKindPayload(), NOW);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventType.UNKNOWN);
            assertThat(((MailEvent.Unknown) e).kind()).isEqualTo(unknownKind());
            assertThat(e.details().rawPayload()).contains(unknownKind());
            assertThat(e.details().receivedAt()).isEqualTo(NOW);
        });
    }

    @Test
    void malformedPayloadsAreRefusedWithALocation() {
        for (String bad : List.of("", "{", "[{]", "not json", "\"a string\"", "42")) {
            assertThatThrownBy(() -> codec().decode(bad.getBytes(StandardCharsets.UTF_8), NOW)).as("payload <" + bad + ">")
                    .isInstanceOfSatisfying(CallbackFormatException.class, e -> {
                        assertThat(e.location()).isNotBlank();
                        assertThat(e.format()).isEqualTo(codec().format());
                    });
        }
    }

    @Test
    void oversizedPayloadsAreRefusedBeforeParsing() {
        byte[] huge = new byte[maxPayloadBytes() + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        assertThatThrownBy(() -> codec().decode(huge, NOW)).isInstanceOf(CallbackFormatException.class).hasMessageContaining("exceeds");
    }

    @Test
    void deeplyNestedPayloadsAreRefusedNotFollowed() {
        byte[] deep = payloadNesting("[".repeat(5000) + "]".repeat(5000));
        assertThatThrownBy(() -> codec().decode(deep, NOW)).isInstanceOf(CallbackFormatException.class).hasMessageContaining("nesting");
    }

    @Test
    void encodeThenDecodeKeepsTheEvents() {
        if (!codec().canEncode()) {
            assertThatThrownBy(() -> codec().encode(List.of())).isInstanceOf(UnsupportedOperationException.class);
            return;
        }
        List<MailEvent> original = codec().decode(validPayload(), NOW);
        List<MailEvent> again = codec().decode(codec().encode(original), NOW);
        assertThat(EventJson.render(again)).isEqualTo(EventJson.render(original));
    }

    @Test
    void aRequestSignedWithTheKeyPasses() {
        assertThat(authenticator(clock()).reject(signedRequest(validPayload(), NOW, true))).isEmpty();
        // the provider's clock may be a little ahead or behind
        Duration skew = replayWindow().dividedBy(2);
        assertThat(authenticator(clock()).reject(signedRequest(validPayload(), NOW.minus(skew), true))).isEmpty();
        assertThat(authenticator(clock()).reject(signedRequest(validPayload(), NOW.plus(skew), true))).isEmpty();
    }

    @Test
    void aRequestSignedWithAnotherKeyIsRefused() {
        assertRefused(signedRequest(validPayload(), NOW, false));
    }

    @Test
    void aRequestOutsideTheReplayWindowIsRefused() {
        Duration beyond = replayWindow().plusMinutes(1);
        if (!hasSignedTimestamp()) {
            // the scheme dates nothing: a request made long ago is as good as a new one (documented, not hidden)
            assertThat(authenticator(clock()).reject(signedRequest(validPayload(), NOW.minus(beyond), true))).isEmpty();
            return;
        }
        assertRefused(signedRequest(validPayload(), NOW.minus(beyond), true));
        assertRefused(signedRequest(validPayload(), NOW.plus(beyond), true));
    }

    @Test
    void aRequestMissingAnyCredentialIsRefused() {
        List<WebhookRequest> missing = missingCredentials(signedRequest(validPayload(), NOW, true));
        assertThat(missing).as("the cases of missing credentials").isNotEmpty();
        missing.forEach(this::assertRefused);
    }

    @Test
    void aTamperedRequestIsRefused() {
        WebhookRequest changed = tampered(signedRequest(validPayload(), NOW, true));
        if (!hasSignedBody()) {
            // the scheme signs no body: good credentials make an altered request authentic (documented, not hidden)
            assertThat(authenticator(clock()).reject(changed)).isEmpty();
            return;
        }
        assertRefused(changed);
    }

    @Test
    void throughTheHandlerARefusalIsA401ThatSaysNothingAndAGoodRequestIsDecoded() {
        List<MailEvent> got = new ArrayList<>();
        WebhookHandler handler = WebhookHandler.builder(codec()).authenticator(authenticator(clock())).listener(got::addAll)
                .maxBodyBytes(Math.max(maxPayloadBytes(), 1)).clock(clock()).build();
        WebhookRequest forged = signedRequest(validPayload(), NOW, false);
        String reason = authenticator(clock()).reject(forged).orElseThrow();
        List<java.util.logging.LogRecord> logged = new ArrayList<>();
        WebhookResponse bad = logging(logged::add, () -> handler.handle(forged));
        assertThat(bad.status()).isEqualTo(401);
        assertThat(bad.body()).isEqualTo("authentication failed\n");
        // what the attacker is not told, the operator is: the handler logs the authenticator's reason as a warning
        assertThat(logged).as("the log line of the refusal").anySatisfy(r -> {
            assertThat(r.getLevel()).isEqualTo(java.util.logging.Level.WARNING);
            assertThat(r.getMessage()).contains(reason);
        });
        assertThat(got).isEmpty();
        WebhookResponse good = handler.handle(signedRequest(validPayload(), NOW, true));
        assertThat(good.status()).as(good.body()).isEqualTo(200);
        assertThat(got).isNotEmpty().hasSize(codec().decode(validPayload(), NOW).size());
    }

    /**
     * Runs {@code action} with a handler on the WebhookHandler's logger, which System.Logger's default backend
     * (java.util.logging) writes to; an application that routes System.Logger elsewhere gets the same line there.
     */
    private static <T> T logging(java.util.function.Consumer<java.util.logging.LogRecord> sink, java.util.function.Supplier<T> action) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(WebhookHandler.class.getName());
        java.util.logging.Handler h = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                sink.accept(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(h);
        try {
            return action.get();
        } finally {
            logger.removeHandler(h);
        }
    }

    private void assertRefused(WebhookRequest request) {
        Optional<String> reason = authenticator(clock()).reject(request);
        assertThat(reason).as("refused").isPresent();
        assertThat(reason.get()).as("the reason tells the operator what was wrong").isNotBlank();
        for (String secret : secrets()) {
            assertThat(reason.get()).as("the logged reason does not give a secret away").doesNotContain(secret);
        }
    }

    /** A clock fixed at {@link #NOW}. */
    protected static Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    /** A test resource of this provider, e.g. {@code fixture("bounce.json")}. */
    protected byte[] fixture(String name) {
        try (var in = getClass().getResourceAsStream("/" + fixtureDirectory() + "/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + fixtureDirectory() + "/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
