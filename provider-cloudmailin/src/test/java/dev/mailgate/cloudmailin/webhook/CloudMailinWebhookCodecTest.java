package dev.mailgate.cloudmailin.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgate.core.event.BounceClass;
import dev.mailgate.core.event.BounceReason;
import dev.mailgate.core.event.CallbackFormatException;
import dev.mailgate.core.event.EventKeys;
import dev.mailgate.core.event.EventType;
import dev.mailgate.core.event.MailEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Golden payloads (src/test/resources/cloudmailin), one file per kind, multi-event posts, malformed and hostile ones. */
class CloudMailinWebhookCodecTest {
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private final CloudMailinWebhookCodec codec = new CloudMailinWebhookCodec();

    static Stream<Arguments> kinds() {
        return Stream.of(
                Arguments.of("delivery", EventType.DELIVERED, null, null),
                Arguments.of("bounce-seed-example", EventType.BOUNCED, BounceClass.UNDETERMINED, BounceReason.UNDEFINED),
                Arguments.of("bounce-user-unknown", EventType.BOUNCED, BounceClass.HARD, BounceReason.USER_UNKNOWN),
                Arguments.of("bounce-blocklisted", EventType.BOUNCED, BounceClass.SOFT, BounceReason.BLOCKED),
                Arguments.of("bounce_reply", EventType.BOUNCED, BounceClass.SOFT, BounceReason.MAILBOX_FULL),
                Arguments.of("soft_bounce", EventType.DEFERRED, null, BounceReason.MAILBOX_FULL),
                Arguments.of("dispatch_soft_bounce", EventType.DEFERRED, null, null),
                Arguments.of("rate_limit", EventType.DEFERRED, null, BounceReason.SPEEDING),
                Arguments.of("retries_exhausted", EventType.BOUNCED, BounceClass.SOFT, BounceReason.EXPIRED),
                Arguments.of("error", EventType.BOUNCED, BounceClass.SOFT, BounceReason.SYSTEM_ERROR),
                Arguments.of("blocked", EventType.BLOCKED, null, BounceReason.BLOCKED),
                Arguments.of("suppressed", EventType.BLOCKED, null, BounceReason.SUPPRESSED),
                Arguments.of("complaint", EventType.COMPLAINED, null, null),
                Arguments.of("open", EventType.OPENED, null, null),
                Arguments.of("read", EventType.OPENED, null, null),
                Arguments.of("click", EventType.CLICKED, null, null),
                Arguments.of("auto_reply", EventType.AUTO_REPLIED, null, null),
                Arguments.of("registration", EventType.QUEUED, null, null),
                Arguments.of("dispatch", EventType.QUEUED, null, null),
                Arguments.of("unknown-kind", EventType.UNKNOWN, null, null),
                Arguments.of("unknown-fields", EventType.DELIVERED, null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void eachKindMapsAsTheTableSays(String file, EventType type, BounceClass bounceClass, BounceReason reason) throws IOException {
        List<MailEvent> events = codec.decode(fixture("decode/" + file + ".json"), NOW);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(type);
            assertThat(e.details().provider()).isEqualTo("cloudmailin");
            assertThat(e.details().receivedAt()).isEqualTo(NOW);
            assertThat(e.details().eventId()).hasValueSatisfying(id -> assertThat(id).startsWith("sha256:"));
            assertThat(e.details().rawPayload()).startsWith("{\"kind\":");
            if (bounceClass != null) {
                assertThat(((MailEvent.Bounced) e).bounceClass()).isEqualTo(bounceClass);
            }
            if (reason != null) {
                BounceReason actual = e instanceof MailEvent.Bounced b ? b.reason() : e instanceof MailEvent.Deferred d ? d.reason()
                        : ((MailEvent.Blocked) e).reason();
                assertThat(actual).isEqualTo(reason);
            }
        });
    }

    /** Issue 19: distinct reports stay distinct, a retried POST keeps its keys. */
    @Test
    void lookAlikeEventsInOnePostStayDistinctAndARetryKeepsItsKeys() throws IOException {
        List<String> keys = codec.decode(fixture("keys/two-identical-bounces.json"), NOW).stream().map(EventKeys::of).toList();
        assertThat(keys).hasSize(3).doesNotHaveDuplicates();
        assertThat(codec.decode(fixture("keys/two-identical-bounces.json"), NOW.plusSeconds(30)).stream().map(EventKeys::of).toList())
                .isEqualTo(keys);
        assertThat(keys.get(1)).isEqualTo(keys.get(0) + "#1");
    }

    @Test
    void theSeedExampleCarriesTheQueuedAsId() throws IOException {
        MailEvent e = codec.decode(fixture("decode/bounce-seed-example.json"), NOW).get(0);
        assertThat(e.details().providerMessageId()).contains("f78b876d-dd97-4e10-9a61-067f98044cc7");
        assertThat(e.details().messageId()).as("not an RFC Message-ID").isEmpty();
        assertThat(e.recipient()).hasValueSatisfying(a -> assertThat(a.address()).isEqualTo("user@example.net"));
    }

    @Test
    void everyEventOfAPostIsDecoded() throws IOException {
        List<MailEvent> events = codec.decode(fixture("decode/multi-event.json"), NOW);
        assertThat(events).extracting(MailEvent::type)
                .containsExactly(EventType.DELIVERED, EventType.BOUNCED, EventType.DEFERRED, EventType.COMPLAINED);
        assertThat(events).extracting(e -> e.details().providerMessageId().orElseThrow()).containsExactly("id-1", "id-2", "id-3", "id-4");
    }

    @Test
    void clicksAndComplaintsKeepTheirDetails() throws IOException {
        assertThat(((MailEvent.Clicked) codec.decode(fixture("decode/click.json"), NOW).get(0)).url()).contains("https://example.com/offer?id=42");
        assertThat(((MailEvent.Complained) codec.decode(fixture("decode/complaint.json"), NOW).get(0)).feedbackType()).contains("abuse");
        assertThat(((MailEvent.Unknown) codec.decode(fixture("decode/unknown-kind.json"), NOW).get(0)).kind())
                .isEqualTo("a_kind_from_the_future");
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("trailing-comma", "line 1, column 60"), Arguments.of("events-not-array", "$.events"),
                Arguments.of("root-not-object", "$"), Arguments.of("kind-missing", "$.events[0].kind"),
                Arguments.of("kind-not-string", "$.events[0].kind"), Arguments.of("recipient-missing", "$.events[0].recipient"),
                Arguments.of("recipient-invalid", "$.events[0].recipient"), Arguments.of("details-not-object", "$.events[0].details"),
                Arguments.of("event-not-object", "$.events[0]"), Arguments.of("empty", "$"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void malformedPayloadsSayWhere(String file, String location) throws IOException {
        byte[] payload = fixture("decode/invalid-" + file + ".json");
        assertThatThrownBy(() -> codec.decode(payload, NOW)).isInstanceOfSatisfying(CallbackFormatException.class,
                e -> assertThat(e.location()).isEqualTo(location));
    }

    @Test
    void deeplyNestedAndHugePayloadsAreRefusedNotFollowed() {
        String deep = "{\"events\":[{\"kind\":\"x\",\"details\":" + "[".repeat(5000) + "]".repeat(5000) + "}]}";
        assertThatThrownBy(() -> codec.decode(deep.getBytes(StandardCharsets.US_ASCII), NOW))
                .isInstanceOf(CallbackFormatException.class).hasMessageContaining("nesting");
        byte[] huge = new byte[11 * 1024 * 1024];
        assertThatThrownBy(() -> codec.decode(huge, NOW)).isInstanceOf(CallbackFormatException.class).hasMessageContaining("exceeds");
    }

    @Test
    void encodeThenDecodeKeepsTheEvents() throws IOException {
        List<MailEvent> original = codec.decode(fixture("decode/multi-event.json"), NOW);
        List<MailEvent> again = codec.decode(codec.encode(original), NOW);
        assertThat(again).extracting(MailEvent::type).containsExactlyElementsOf(original.stream().map(MailEvent::type).toList());
        assertThat(again).extracting(MailEvent::recipient).containsExactlyElementsOf(original.stream().map(MailEvent::recipient).toList());
        assertThat(again).extracting(e -> e.details().providerMessageId()).containsExactlyElementsOf(
                original.stream().map(e -> e.details().providerMessageId()).toList());
        MailEvent unknown = codec.decode(fixture("decode/unknown-kind.json"), NOW).get(0);
        assertThat(codec.decode(codec.encode(List.of(unknown)), NOW).get(0).details().rawPayload()).isEqualTo(unknown.details().rawPayload());
    }

    /** Events from elsewhere (no CloudMailin JSON to write back) are written from their fields. */
    @Test
    void eventsFromAnotherSourceAreWrittenFromTheirFields() {
        dev.mailgate.core.event.EventDetails d = dev.mailgate.core.event.EventDetails.builder("bounce-mail", NOW)
                .recipient(dev.mailgate.core.address.EmailAddress.parse("ben@example.net")).providerMessageId("id-9").build();
        MailEvent bounced = new MailEvent.Bounced(d, BounceClass.HARD, BounceReason.USER_UNKNOWN,
                dev.mailgate.core.event.Diagnostic.ofText("550 5.1.1 user unknown"));
        MailEvent again = codec.decode(codec.encode(List.of(bounced)), NOW).get(0);
        assertThat(again.type()).isEqualTo(EventType.BOUNCED);
        assertThat(again.recipient()).isEqualTo(bounced.recipient());
        assertThat(again.details().providerMessageId()).contains("id-9");
        assertThat(((MailEvent.Bounced) again).reason()).isEqualTo(BounceReason.USER_UNKNOWN);
        assertThat(again.details().rawPayload()).contains("\"kind\":\"bounce\"").contains("550 5.1.1 user unknown");
    }

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = CloudMailinWebhookCodecTest.class.getResourceAsStream("/cloudmailin/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture cloudmailin/" + name);
            }
            return in.readAllBytes();
        }
    }
}
