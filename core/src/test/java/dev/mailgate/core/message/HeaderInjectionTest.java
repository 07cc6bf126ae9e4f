package dev.mailgate.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.core.MailException;
import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.mime.MimeWriter;
import dev.mailgate.core.mime.RenderedMessage;
import dev.mailgate.core.validation.CoreRules;
import dev.mailgate.core.validation.MessageValidator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Header injection: every payload through every API that puts caller text into a header (or a part header) is
 * either refused with a typed MailException naming the field, or rendered so that no new header appears: no line of
 * the rendered message starts with the injected field, no bare CR or LF, no NUL, no line over 998 octets.
 */
class HeaderInjectionTest {
    private static final String INJECTED = "Bcc: evil@attacker.example";
    private static final Map<String, String> PAYLOADS = Map.ofEntries(
            Map.entry("CRLF", "x\r\n" + INJECTED),
            Map.entry("LF", "x\n" + INJECTED),
            Map.entry("CR", "x\r" + INJECTED),
            Map.entry("CRLF CRLF (body split)", "x\r\n\r\n" + INJECTED),
            Map.entry("folded continuation", "x\r\n " + INJECTED),
            Map.entry("encoded word Q of CRLF", "=?utf-8?q?x=0D=0A" + INJECTED.replace(' ', '_') + "?="),
            Map.entry("encoded word B of CRLF", "=?utf-8?b?eA0KQmNjOiBldmlsQGF0dGFja2VyLmV4YW1wbGU=?="),
            Map.entry("U+2028 line separator", "x\u2028" + INJECTED),
            Map.entry("U+2029 paragraph separator", "x\u2029" + INJECTED),
            Map.entry("U+0085 next line", "x\u0085" + INJECTED),
            Map.entry("NUL", "x\0" + INJECTED),
            Map.entry("URL-encoded CRLF", "x%0D%0A" + INJECTED),
            Map.entry("very long token", "x".repeat(5_000) + INJECTED.replace(" ", "")));

    private static final Map<String, BiConsumer<EmailMessage.Builder, String>> FIELDS = Map.ofEntries(
            Map.entry("subject", (b, p) -> b.subject(p)),
            Map.entry("custom header value", (b, p) -> b.header("X-Test", p)),
            Map.entry("custom header name", (b, p) -> b.header("X-" + p, "v")),
            Map.entry("From display name", (b, p) -> b.from(EmailAddress.of(p, "a@example.com"))),
            Map.entry("From address text", (b, p) -> b.from("\"" + p + "\" <a@example.com>")),
            Map.entry("To address", (b, p) -> b.to("r" + p + "@example.org")),
            Map.entry("Cc display name", (b, p) -> b.cc(EmailAddress.of(p, "c@example.org"))),
            Map.entry("Reply-To display name", (b, p) -> b.replyTo(EmailAddress.of(p, "r@example.com"))),
            Map.entry("Sender display name", (b, p) -> b.sender(EmailAddress.of(p, "s@example.com"))),
            Map.entry("Message-ID", (b, p) -> b.messageId("id" + p + "@example.com")),
            Map.entry("attachment file name", (b, p) -> b.attach(Attachment.of("f" + p + ".txt", new byte[] {1, 2}))),
            Map.entry("attachment content type", (b, p) -> b.attach(Attachment.of("f.bin", new byte[] {1}, "application/x-test; x=" + p))),
            // Part headers: a quoted parameter value, the subtype, and an inline part's name (it has no file name).
            Map.entry("attachment content type quoted value", (b, p) -> b.attach(Attachment.of("f.bin", new byte[] {1}, "text/plain; x=\"" + p + "\""))),
            Map.entry("attachment content type subtype", (b, p) -> b.attach(Attachment.of("f.bin", new byte[] {1}, "text/" + p))),
            Map.entry("attachment content type RFC 2231 value", (b, p) -> b.attach(Attachment.of("f.bin", new byte[] {1},
                    "text/plain; x*=UTF-8''" + java.net.URLEncoder.encode(p, StandardCharsets.UTF_8).replace("+", "%20")))),
            Map.entry("inline part content type name", (b, p) -> b.attach(new Attachment(java.util.Optional.empty(), "image/png; name=\"" + p + "\"",
                    ContentSource.of(new byte[] {1}), Disposition.INLINE, java.util.Optional.of("logo@example.com")))),
            Map.entry("inline content id", (b, p) -> b.attach(Attachment.inline("c" + p, new byte[] {1}, "image/png"))),
            Map.entry("tag", (b, p) -> b.tag(p)),
            Map.entry("metadata value", (b, p) -> b.metadata("k", p)));

    private static int refused;
    private static int renderedSafely;

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        FIELDS.keySet().stream().sorted().forEach(f -> PAYLOADS.keySet().stream().sorted().forEach(p -> all.add(Arguments.of(f, p))));
        return all.stream();
    }

    @ParameterizedTest(name = "{1} in {0}")
    @MethodSource("cases")
    void noPayloadBecomesAHeader(String field, String payloadName) {
        EmailMessage.Builder b = EmailMessage.builder().from("a@example.com").to("b@example.org").subject("s").text("body");
        byte[] rendered;
        try {
            FIELDS.get(field).accept(b, PAYLOADS.get(payloadName));
            rendered = MimeWriter.standard().toBytes(b.build());
        } catch (MailException refusedWithReason) {
            assertThat(refusedWithReason.getMessage()).as("the error names what was wrong").isNotBlank();
            refused++;
            return;
        }
        String text = new String(rendered, StandardCharsets.UTF_8);
        int lineStart = 0;
        for (int i = 0; i < rendered.length; i++) {
            assertThat(rendered[i]).as("NUL at %d", i).isNotEqualTo((byte) 0);
            if (rendered[i] == '\n') {
                assertThat(i > 0 && rendered[i - 1] == '\r').as("bare LF at %d", i).isTrue();
                assertThat(i - 1 - lineStart).as("line length at %d", i).isLessThanOrEqualTo(998);
                lineStart = i + 1;
            } else if (rendered[i] == '\r') {
                assertThat(i + 1 < rendered.length && rendered[i + 1] == '\n').as("bare CR at %d", i).isTrue();
            }
        }
        RenderedMessage asSent = MimeWriter.standard().render(b.build());
        assertThat(MessageValidator.of(CoreRules.headerSyntax()).validate(RawMessage.forValidation(rendered, java.util.Optional.empty())))
                .as("the header rules find nothing wrong in any part's header block").isEmpty();
        assertThat(MessageValidator.of(CoreRules.defaults()).validate(asSent)).as("as sent").isEmpty();
        for (String line : text.split("\r\n")) {
            assertThat(line.toLowerCase(Locale.ROOT)).as("a rendered line").doesNotStartWith("bcc:");
        }
        assertThat(text).doesNotContain("\u2028", "\u2029", "\u0085");
        renderedSafely++;
    }

    @AfterAll
    static void tally() {
        // Every case ends one of the two safe ways (the figure goes into docs/reliability.md).
        assertThat(refused + renderedSafely).isEqualTo(FIELDS.size() * PAYLOADS.size());
        System.getLogger(HeaderInjectionTest.class.getName()).log(System.Logger.Level.INFO,
                "header injection: " + (refused + renderedSafely) + " cases, " + refused + " refused, " + renderedSafely + " rendered without a new header");
    }
}
