package dev.mailgate.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.core.message.Attachment;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.message.RawMessage;
import dev.mailgate.core.mime.MimeWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The header rule checks every header block of a message: its own and each body part's. */
class HeaderSyntaxRuleTest {
    private static final MessageValidator RULE = MessageValidator.of(CoreRules.headerSyntax());

    private static List<Violation> check(String eml) {
        return RULE.validate(RawMessage.forValidation(eml.getBytes(StandardCharsets.UTF_8), Optional.empty()));
    }

    private static String multipart(String secondPartHeader) {
        return "From: a@example.com\r\nTo: b@example.org\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed;\r\n boundary=\"outer\"\r\n\r\npreamble\r\n"
                + "--outer\r\nContent-Type: text/plain\r\n\r\nfirst\r\n"
                + "--outer\r\n" + secondPartHeader + "\r\n\r\nsecond\r\n"
                + "--outer--\r\nepilogue\r\n";
    }

    @Test
    void aBadLineInAPartHeaderIsReportedNamingThePart() {
        assertThat(check(multipart("Content-Type: text/plain\r\nBcc-victim-at-example.com")))
                .singleElement().satisfies(v -> {
                    assertThat(v.ruleId()).isEqualTo("core.header-syntax");
                    assertThat(v.field()).isEqualTo("part 2 header line 2");
                    assertThat(v.message()).contains("neither 'name: value' nor a continuation");
                });
        assertThat(check(multipart("X-Note: a\0b")))
                .singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("part 2 header line 1"));
        assertThat(check(multipart(" folded: but nothing to continue")))
                .singleElement().satisfies(v -> assertThat(v.message()).contains("starts with white space"));
        assertThat(check(multipart("Bad Name: v"))).singleElement().satisfies(v -> assertThat(v.message()).contains("0x20"));
    }

    @Test
    void nestedPartsAreNamedByTheirPath() {
        String inner = "Content-Type: multipart/alternative; boundary=inner\r\n\r\n"
                + "--inner\r\nContent-Type: text/plain\r\n\r\nplain\r\n"
                + "--inner\r\nContent-Type: text/html\r\nX-Oops\r\n\r\n<p>html</p>\r\n"
                + "--inner--";
        String eml = "From: a@example.com\r\nContent-Type: multipart/mixed; boundary=outer\r\n\r\n"
                + "--outer\r\n" + inner + "\r\n--outer\r\nContent-Type: application/pdf\r\n\r\nJVBE\r\n--outer--\r\n";
        assertThat(check(eml)).extracting(Violation::field).containsExactly("part 1.2 header line 2");
    }

    @Test
    void anUnreadableOrIncompleteMultipartIsReported() {
        assertThat(check(multipart("Content-Type: text/plain; name=two words.txt")))
                .singleElement().satisfies(v -> {
                    assertThat(v.field()).isEqualTo("part 2 Content-Type");
                    assertThat(v.message()).contains("cannot be read").contains("position");
                });
        assertThat(check("From: a@example.com\r\nContent-Type: multipart/mixed\r\n\r\nbody\r\n"))
                .singleElement().satisfies(v -> assertThat(v.message()).contains("boundary"));
        assertThat(check("From: a@example.com\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nX: y\r\n\r\ncut off\r\n"))
                .singleElement().satisfies(v -> assertThat(v.message()).contains("closing delimiter"));
    }

    @Test
    void theWritersOutputHasNoViolationInAnyPart() {
        EmailMessage m = EmailMessage.builder().from("Ana <a@example.com>").to("b@example.org").subject("s").text("t").html("<p>h</p>")
                .attach(Attachment.inline("logo@example.com", new byte[] {1, 2}, "image/png"))
                .attach(Attachment.of("Grüße – final.pdf", new byte[] {3}, "application/pdf; x=\"quoted; value\""))
                .build();
        assertThat(RULE.validate(MimeWriter.standard().render(m))).isEmpty();
        assertThat(RULE.validate(RawMessage.forValidation(MimeWriter.standard().toBytes(m), Optional.empty()))).isEmpty();
    }

    @Test
    void aWellFormedMultipartWithoutViolationsPasses() {
        assertThat(check(multipart("Content-Type: text/plain; charset=utf-8\r\nContent-Disposition: attachment;\r\n filename=\"a.txt\""))).isEmpty();
    }
}
