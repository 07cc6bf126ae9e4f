package dev.mailgate.smtp.callback;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.address.InvalidAddressException;
import dev.mailgate.core.event.BounceClass;
import dev.mailgate.core.event.BounceReason;
import dev.mailgate.core.event.CallbackCodec;
import dev.mailgate.core.event.CallbackFormatException;
import dev.mailgate.core.event.Diagnostic;
import dev.mailgate.core.event.EventDetails;
import dev.mailgate.core.event.MailEvent;
import dev.mailgate.core.event.UnsubscribeScope;
import dev.mailgate.core.json.JsonPayloads;
import dev.mailgate.core.limits.InputLimits;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The generic SMTP integration's callback format (seed 000/001):
 *
 * <pre>{@code [{"event": "softbounce", "data": [{"e": "a@example.com", "ts": 1435322805}]}, ...]}</pre>
 *
 * with {@code event} one of {@code softbounce}, {@code hardbounce}, {@code unsubscribe} and {@code ts} the epoch
 * second of the event ("if you're not sure of the time ..., just set it to the current epoch").
 *
 * <p>Decoding is lenient where the seed is: its own samples carry {@code //} comments, so comments are accepted.
 * Anything else malformed is a {@link CallbackFormatException} naming the JSON path. An unknown {@code event}
 * gives one {@link MailEvent.Unknown} per data entry, keeping the raw JSON.
 *
 * <p>Event ids (what de-duplicates, {@code EventKeys}): the format has none, so each entry's id is a SHA-256 of its
 * event name and its JSON with the members sorted, plus the number of identical entries before it in the same POST
 * ({@code #0}, {@code #1}, ...). So a retried POST, however it is serialized or re-batched, gives the same ids,
 * while two reports that look alike in one POST (no {@code ts}, or the same second) stay two (issue 19: hashing the
 * entry alone merged them, and without {@code ts} every soft bounce after an address's first was dropped). The one
 * thing no key can tell apart is two separate POSTs whose entries are identical and carry no {@code ts}: they are
 * one report to us, as a retry would be; the seed asks senders to set {@code ts} ("just set it to the current epoch").
 *
 * <p>Encoding groups the events by type in order of first appearance. The format has three event types, so:
 * <table>
 * <caption>Event mapping</caption>
 * <tr><th>MailEvent</th><th>event</th><th>why</th></tr>
 * <tr><td>Bounced, HARD</td><td>hardbounce</td><td>the seed: "a permanent reason an email cannot be delivered"</td></tr>
 * <tr><td>Bounced, SOFT or UNDETERMINED</td><td>softbounce</td><td>not known to be permanent for the address;
 *     the platform only counts soft bounces, so an unsure one costs nothing</td></tr>
 * <tr><td>Deferred</td><td>softbounce</td><td>the seed: "a temporary delivery issue", e.g. a full mailbox</td></tr>
 * <tr><td>Unsubscribed</td><td>unsubscribe</td><td>the seed's unsubscription callback</td></tr>
 * <tr><td>Complained</td><td>unsubscribe</td><td>a spam complaint is the strongest "stop mailing me"; the format
 *     has no complaint type and the platform must stop sending</td></tr>
 * <tr><td>anything else</td><td>refused</td><td>delivered, opened, clicked, blocked, ... have no meaning to the
 *     platform; {@code encode} throws, naming the event, rather than inventing one</td></tr>
 * </table>
 */
public final class GenericSmtpCallbackCodec implements CallbackCodec {
    public static final String FORMAT = "generic-smtp-callback";
    static final String SOFT = "softbounce";
    static final String HARD = "hardbounce";
    static final String UNSUBSCRIBE = "unsubscribe";
    /** Reads within {@link InputLimits#defaults()} (size and nesting), so a hostile payload costs bounded memory. */
    private static final ObjectMapper LENIENT = JsonPayloads.constrain(JsonMapper.builder(new JsonFactory())
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .build(), InputLimits.defaults());
    private static final ObjectMapper WRITER = new ObjectMapper();
    /** Sorted members, so that {@code {"ts":1,"e":"a"}} and {@code {"e":"a","ts":1}} are the same report. */
    private static final ObjectMapper CANONICAL = JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private final Clock clock;

    public GenericSmtpCallbackCodec() {
        this(Clock.systemUTC());
    }

    /** @param clock supplies "now" for events without a time, as the seed asks */
    public GenericSmtpCallbackCodec(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public List<MailEvent> decode(byte[] payload, Instant receivedAt) {
        JsonNode root = JsonPayloads.read(FORMAT, LENIENT, payload, InputLimits.defaults());
        if (root == null || !root.isArray()) {
            throw new CallbackFormatException(FORMAT, "$", "expected a JSON array of {\"event\", \"data\"} objects", null);
        }
        List<MailEvent> events = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>(); // identical entries so far in this POST, by content digest
        for (int g = 0; g < root.size(); g++) {
            String groupPath = "$[" + g + "]";
            JsonNode group = root.get(g);
            if (!group.isObject()) {
                throw new CallbackFormatException(FORMAT, groupPath, "expected an object with \"event\" and \"data\"", null);
            }
            JsonNode event = group.get("event");
            if (event == null || !event.isTextual()) {
                throw new CallbackFormatException(FORMAT, groupPath + ".event", "missing or not a string", null);
            }
            JsonNode data = group.get("data");
            if (data == null || !data.isArray()) {
                throw new CallbackFormatException(FORMAT, groupPath + ".data", "missing or not an array", null);
            }
            for (int d = 0; d < data.size(); d++) {
                events.add(decodeEntry(event.asText(), data.get(d), groupPath + ".data[" + d + "]", receivedAt, seen));
            }
        }
        return List.copyOf(events);
    }

    private MailEvent decodeEntry(String kind, JsonNode entry, String path, Instant receivedAt, Map<String, Integer> seen) {
        if (!entry.isObject()) {
            throw new CallbackFormatException(FORMAT, path, "expected an object with \"e\" and \"ts\"", null);
        }
        ObjectNode raw = WRITER.createObjectNode();
        raw.put("event", kind);
        raw.putArray("data").add(entry);
        String digest = contentDigest(kind, entry, path);
        int occurrence = seen.merge(digest, 1, Integer::sum) - 1;
        EventDetails.Builder details = EventDetails.builder(FORMAT, receivedAt).rawPayload(raw.toString())
                .eventId("entry-sha256:" + digest + "#" + occurrence);
        boolean known = kind.equals(SOFT) || kind.equals(HARD) || kind.equals(UNSUBSCRIBE);
        JsonNode e = entry.get("e");
        if (e == null || !e.isTextual()) {
            if (known) {
                throw new CallbackFormatException(FORMAT, path + ".e", "missing or not a string (the recipient's address)", null);
            }
        } else {
            try {
                details.recipient(EmailAddress.parse(e.asText()));
            } catch (InvalidAddressException ex) {
                throw new CallbackFormatException(FORMAT, path + ".e", ex.getMessage(), ex);
            }
        }
        JsonNode ts = entry.get("ts");
        if (ts != null && !ts.isNull()) {
            if (!ts.canConvertToLong() || !(ts.isIntegralNumber() || ts.isTextual())) {
                throw new CallbackFormatException(FORMAT, path + ".ts", "expected epoch seconds, got " + ts, null);
            }
            long seconds = ts.isTextual() ? parseSeconds(ts.asText(), path) : ts.asLong();
            try {
                details.occurredAt(Instant.ofEpochSecond(seconds));
            } catch (java.time.DateTimeException ex) {
                // Found by fuzzing: a number that fits a long but not an Instant.
                throw new CallbackFormatException(FORMAT, path + ".ts", "epoch seconds " + seconds + " are out of range", ex);
            }
        }
        EventDetails d = details.build();
        return switch (kind) {
            case HARD -> new MailEvent.Bounced(d, BounceClass.HARD, BounceReason.UNDEFINED, Diagnostic.NONE);
            case SOFT -> new MailEvent.Bounced(d, BounceClass.SOFT, BounceReason.UNDEFINED, Diagnostic.NONE);
            case UNSUBSCRIBE -> new MailEvent.Unsubscribed(d, UnsubscribeScope.GLOBAL);
            default -> new MailEvent.Unknown(d, kind);
        };
    }

    /** The event name and the entry with its members sorted: the same report gives the same digest however written. */
    private static String contentDigest(String kind, JsonNode entry, String path) {
        byte[] canonical;
        try {
            canonical = CANONICAL.writeValueAsBytes(CANONICAL.convertValue(entry, Object.class));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // the reader's bounds admit it, the writer's may not (nesting depth): a format error, not a crash
            throw new CallbackFormatException(FORMAT, path, "cannot be identified: " + e.getMessage(), e);
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(kind.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            return HexFormat.of().formatHex(sha.digest(canonical));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private static long parseSeconds(String text, String path) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new CallbackFormatException(FORMAT, path + ".ts", "expected epoch seconds, got \"" + text + "\"", e);
        }
    }

    @Override
    public boolean canEncode() {
        return true;
    }

    @Override
    public byte[] encode(List<MailEvent> events) {
        Map<String, ArrayNode> groups = new LinkedHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            MailEvent event = events.get(i);
            String kind = kindOf(event, i);
            EmailAddress recipient = event.recipient().orElseThrow(() -> new IllegalArgumentException(
                    "event " + event.type() + " has no recipient; the format needs one (\"e\")"));
            ObjectNode entry = WRITER.createObjectNode();
            entry.put("e", recipient.address());
            entry.put("ts", event.details().occurredAt().orElseGet(clock::instant).getEpochSecond());
            groups.computeIfAbsent(kind, k -> WRITER.createArrayNode()).add(entry);
        }
        ArrayNode root = WRITER.createArrayNode();
        groups.forEach((kind, data) -> {
            ObjectNode group = root.addObject();
            group.put("event", kind);
            group.set("data", data);
        });
        try {
            return WRITER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a tree of strings and numbers", e);
        }
    }

    private static String kindOf(MailEvent event, int index) {
        if (event instanceof MailEvent.Bounced b) {
            return b.bounceClass() == BounceClass.HARD ? HARD : SOFT;
        }
        if (event instanceof MailEvent.Deferred) {
            return SOFT;
        }
        if (event instanceof MailEvent.Unsubscribed || event instanceof MailEvent.Complained) {
            return UNSUBSCRIBE;
        }
        throw new IllegalArgumentException("event " + index + " (" + event.type()
                + ") cannot be expressed in the " + FORMAT + " format, which knows softbounce, hardbounce and unsubscribe");
    }
}
