package dev.mailgate.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.message.Envelope;
import dev.mailgate.core.message.RawMessage;
import dev.mailgate.core.mime.MimeWriter;
import dev.mailgate.core.mime.RenderedMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageValidatorTest {
    private final MessageValidator validator = MessageValidator.of(CoreRules.defaults()).and(List.of(CoreRules.maxSize(1000)));

    @Test
    void everyViolationIsReportedAtOnce() {
        EmailMessage empty = EmailMessage.builder().subject("no from, no recipient").text("x".repeat(2000)).build();
        List<Violation> violations = validator.validate(empty);
        assertThat(violations).extracting(Violation::ruleId)
                .containsExactly("core.from-present", "core.recipient-present", "core.max-size");
        assertThatThrownBy(() -> validator.requireValid(MimeWriter.standard().render(empty)))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.violations()).hasSize(3);
                    assertThat(e.getMessage()).startsWith("3 rules violated:").contains("core.max-size");
                    assertThat(e.isRetrySafe()).isFalse();
                });
    }

    @Test
    void validMessagePasses() {
        EmailMessage ok = EmailMessage.builder().from("a@x.org").to("b@x.org").subject("hi").text("hello").build();
        assertThat(validator.validate(ok)).isEmpty();
    }

    @Test
    void rawMessageWithInjectedHeaderLinesIsCaught() {
        byte[] eml = ("From: a@x.org\r\nTo: b@x.org\r\nX-Note: ok\rBcc: evil@x.org\r\nBad Name: v\r\nSubject: a\u0000b\r\n\r\nbody\r\n")
                .getBytes(StandardCharsets.UTF_8);
        // RawMessage.of would normalize the bare CR; the rule must also catch bytes that reach it unnormalized.
        RenderedMessage rendered = MimeWriter.standard().render(RawMessage.of(eml,
                Envelope.of(EmailAddress.parse("a@x.org"), List.of(EmailAddress.parse("b@x.org")))));
        List<Violation> normalized = validator.validate(rendered);
        assertThat(normalized).extracting(Violation::ruleId).contains("core.header-syntax");
        assertThat(normalized).extracting(Violation::message)
                .anySatisfy(m -> assertThat(m).contains("illegal character 0x20"))
                .anySatisfy(m -> assertThat(m).contains("NUL"));
    }

    @Test
    void overlongLinesInARawMessageAreReported() {
        byte[] eml = ("From: a@x.org\r\nTo: b@x.org\r\n\r\n" + "y".repeat(1200) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        List<Violation> v = MessageValidator.of(CoreRules.lineLength()).validate(RawMessage.of(eml));
        assertThat(v).singleElement().satisfies(x -> assertThat(x.field()).isEqualTo("line 4"));
    }
}
