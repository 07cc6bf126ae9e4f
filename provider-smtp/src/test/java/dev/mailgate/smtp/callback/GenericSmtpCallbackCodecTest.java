package dev.mailgate.smtp.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.event.BounceClass;
import dev.mailgate.core.event.BounceReason;
import dev.mailgate.core.event.CallbackFormatException;
import dev.mailgate.core.event.Diagnostic;
import dev.mailgate.core.event.EventDetails;
import dev.mailgate.core.event.EventKeys;
import dev.mailgate.core.event.MailEvent;
import dev.mailgate.core.event.UnsubscribeScope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Fixture pairs under src/test/resources/generic-smtp: {@code <case>.json} next to what it must decode to. */
class GenericSmtpCallbackCodecTest {
    private static final Path FIXTURES = Path.of("src/test/resources/generic-smtp");
    private static final Instant RECEIVED = Instant.parse("2025-11-23T09:00:00Z");
    private static final Instant NOW = Instant.parse("2025-11-23T09:00:00Z");
    private final GenericSmtpCallbackCodec codec = new GenericSmtpCallbackCodec(Clock.fixed(NOW, ZoneOffset.UTC));

    static Stream<String> decodeCases() throws IOException {
        // the refused payloads' expected files (CodecContract's {"error": ...}) live beside them; invalidCases reads those
        return cases("decode", ".expected.json").filter(n -> !n.startsWith("invalid-"));
    }

    static Stream<String> invalidCases() throws IOException {
        return cases("decode", ".expected.json").filter(n -> n.startsWith("invalid-"));
    }

    private static Stream<String> cases(String dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(FIXTURES.resolve(dir))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(suffix))
                    .map(n -> n.substring(0, n.length() - suffix.length())).sorted().toList().stream();
        }
    }

    private List<String> keys(String fixture) throws IOException {
        return codec.decode(Files.readAllBytes(FIXTURES.resolve("keys/" + fixture)), RECEIVED).stream().map(EventKeys::of).toList();
    }

    /** Issue 19: without ts every soft bounce of an address had one key, and all after the first were dropped. */
    @Test
    void softBouncesWithoutTsStayDistinctAndARetriedDeliveryKeepsItsKeys() throws IOException {
        List<String> first = keys("softbounces-without-ts.json");
        assertThat(first).hasSize(3).doesNotHaveDuplicates();
        assertThat(keys("softbounces-without-ts.json")).as("the same POST delivered again").isEqualTo(first);
        byte[] reformatted = new ObjectMapper().readTree(FIXTURES.resolve("keys/softbounces-without-ts.json").toFile()).toPrettyString()
                .getBytes(StandardCharsets.UTF_8);
        assertThat(codec.decode(reformatted, RECEIVED.plusSeconds(60)).stream().map(EventKeys::of).toList())
                .as("retried later, serialized differently").isEqualTo(first);
    }

    @Test
    void twoReportsInTheSameSecondStayDistinctAndARebatchedRetryIsRecognized() throws IOException {
        List<String> sameSecond = keys("softbounces-same-second.json");
        assertThat(sameSecond).hasSize(2).doesNotHaveDuplicates();
        List<String> rebatched = keys("softbounce-same-second-rebatched.json");
        assertThat(rebatched.get(1)).as("jane's report sent again in another batch").isEqualTo(sameSecond.get(0));
        assertThat(rebatched.get(0)).isNotIn(sameSecond);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decodeCases")
    void decodesFixture(String name) throws IOException {
        List<MailEvent> events = codec.decode(Files.readAllBytes(FIXTURES.resolve("decode/" + name + ".json")), RECEIVED);
        JsonNode expected = new ObjectMapper().readTree(FIXTURES.resolve("decode/" + name + ".expected.json").toFile());
        assertThat(events).hasSize(expected.size());
        for (int i = 0; i < events.size(); i++) {
            MailEvent e = events.get(i);
            JsonNode want = expected.get(i);
            assertThat(e.type().name()).as("event %d type", i).isEqualTo(want.get("type").asText());
            assertThat(e.recipient().map(EmailAddress::address).orElse(null)).as("recipient").isEqualTo(want.path("recipient").asText(null));
            assertThat(e.details().occurredAt().map(Instant::toString).orElse(null)).as("occurredAt").isEqualTo(want.path("occurredAt").asText(null));
            assertThat(e.details().receivedAt()).isEqualTo(RECEIVED);
            assertThat(e.details().provider()).isEqualTo(GenericSmtpCallbackCodec.FORMAT);
            assertThat(e.details().rawPayload()).isNotEmpty();
            if (want.has("bounceClass")) {
                assertThat(((MailEvent.Bounced) e).bounceClass().name()).isEqualTo(want.get("bounceClass").asText());
            }
            if (want.has("scope")) {
                assertThat(((MailEvent.Unsubscribed) e).scope().name()).isEqualTo(want.get("scope").asText());
            }
            if (want.has("kind")) {
                assertThat(((MailEvent.Unknown) e).kind()).isEqualTo(want.get("kind").asText());
            }
            if (want.has("raw")) {
                assertThat(e.details().rawPayload()).isEqualTo(want.get("raw").asText());
            }
        }
    }

    @Test
    void anUnknownEventKeepsItsGroupsRawJson() throws IOException {
        MailEvent unknown = codec.decode(Files.readAllBytes(FIXTURES.resolve("decode/unknown-event-kept-raw.json")), RECEIVED).get(0);
        assertThat(unknown.details().rawPayload())
                .isEqualTo("{\"event\":\"spamreport\",\"data\":[{\"e\":\"x@example.com\",\"ts\":1700000000,\"extra\":{\"k\":1}}]}");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCases")
    void invalidPayloadNamesWhereItIsWrong(String name) throws IOException {
        byte[] payload = Files.readAllBytes(FIXTURES.resolve("decode/" + name + ".json"));
        // the location CodecContract compares too, read here to check the message as well
        String location = new ObjectMapper().readTree(FIXTURES.resolve("decode/" + name + ".expected.json").toFile()).path("error").path("location").asText();
        assertThatThrownBy(() -> codec.decode(payload, RECEIVED))
                .isInstanceOfSatisfying(CallbackFormatException.class, e -> {
                    assertThat(e.location()).isEqualTo(location);
                    assertThat(e.format()).isEqualTo(GenericSmtpCallbackCodec.FORMAT);
                    assertThat(e.getMessage()).doesNotContain("\r\n");
                });
    }

    @Test
    void encodesEventsGroupedByTypeAsTheGoldenFile() throws IOException {
        List<MailEvent> events = List.of(
                new MailEvent.Bounced(details("soft@example.com", Instant.ofEpochSecond(1435322805)), BounceClass.SOFT, BounceReason.MAILBOX_FULL, Diagnostic.NONE),
                new MailEvent.Bounced(details("hard@example.com", Instant.ofEpochSecond(1435322805)), BounceClass.HARD, BounceReason.USER_UNKNOWN, Diagnostic.NONE),
                new MailEvent.Unsubscribed(details("unsub@example.com", Instant.ofEpochSecond(1504632929)), UnsubscribeScope.GLOBAL),
                new MailEvent.Deferred(details("deferred@example.com", Instant.ofEpochSecond(1700000000)), BounceReason.MAILBOX_FULL, Diagnostic.NONE),
                new MailEvent.Complained(details("complainer@example.com", null), Optional.of("abuse")));
        byte[] encoded = new GenericSmtpCallbackCodec(Clock.fixed(Instant.ofEpochSecond(1763888400), ZoneOffset.UTC)).encode(events);
        assertThat(new String(encoded, StandardCharsets.UTF_8))
                .isEqualTo(Files.readString(FIXTURES.resolve("encode/grouped-by-type.expected.json")).strip());
    }

    @Test
    void encodeThenDecodeKeepsRecipientsTypesAndTimes() {
        List<MailEvent> events = List.of(
                new MailEvent.Bounced(details("a@example.com", Instant.ofEpochSecond(1000)), BounceClass.HARD, BounceReason.USER_UNKNOWN, Diagnostic.NONE),
                new MailEvent.Unsubscribed(details("b@example.com", Instant.ofEpochSecond(2000)), UnsubscribeScope.GLOBAL));
        List<MailEvent> back = codec.decode(codec.encode(events), RECEIVED);
        assertThat(back).extracting(MailEvent::type).containsExactly(events.get(0).type(), events.get(1).type());
        assertThat(back).extracting(e -> e.details().occurredAt().orElseThrow()).containsExactly(Instant.ofEpochSecond(1000), Instant.ofEpochSecond(2000));
        assertThat(((MailEvent.Bounced) back.get(0)).bounceClass()).isEqualTo(BounceClass.HARD);
    }

    @Test
    void eventsTheFormatCannotExpressAreRefusedByName() {
        MailEvent opened = new MailEvent.Opened(details("a@example.com", null));
        assertThatThrownBy(() -> codec.encode(List.of(opened))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("OPENED").hasMessageContaining("softbounce, hardbounce and unsubscribe");
    }

    @Test
    void deeplyNestedPayloadIsAFormatErrorNotAStackOverflow() {
        byte[] deep = ("[".repeat(5000) + "]".repeat(5000)).getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> codec.decode(deep, RECEIVED)).isInstanceOf(CallbackFormatException.class);
    }

    @Test
    void anEntryNestedAsDeepAsTheReaderAllowsStillGetsAKey() {
        String deep = "[{\"event\":\"x\",\"data\":[{\"n\":" + "[".repeat(900) + "]".repeat(900) + "}]}]";
        try {
            assertThat(codec.decode(deep.getBytes(StandardCharsets.US_ASCII), RECEIVED)).singleElement()
                    .satisfies(e -> assertThat(EventKeys.of(e)).contains("entry-sha256:"));
        } catch (CallbackFormatException refused) {
            assertThat(refused.getMessage()).as("refused by the reader's bounds, not a crash").isNotBlank();
        }
    }

    private static EventDetails details(String recipient, Instant at) {
        return EventDetails.builder("test", RECEIVED).recipient(EmailAddress.parse(recipient)).occurredAt(at).build();
    }
}
