package dev.mailgate.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContentTypeTest {
    @Test
    void parsesTypeSubtypeAndParametersCaseInsensitively() {
        ContentType t = ContentType.parse("Text/HTML ; Charset=UTF-8;format = \"flowed\" (a comment);");
        assertThat(t.type()).isEqualTo("text");
        assertThat(t.subtype()).isEqualTo("html");
        assertThat(t.mimeType()).isEqualTo("text/html");
        assertThat(t.parameters()).containsExactly(Map.entry("charset", "UTF-8"), Map.entry("format", "flowed"));
        assertThat(t.parameter("CHARSET")).contains("UTF-8");
        assertThat(t).isEqualTo(ContentType.parse("text/html; charset=UTF-8; format=flowed"));
    }

    @Test
    void quotedStringsUnescapeAndMayHoldUnicode() {
        ContentType t = ContentType.parse("application/x-test; a=\"say \\\"hi\\\" \\\\ there\"; b=\"Grüße €\"; c=\"\"");
        assertThat(t.parameters()).containsExactly(Map.entry("a", "say \"hi\" \\ there"), Map.entry("b", "Grüße €"), Map.entry("c", ""));
    }

    @Test
    void rfc2231ExtendedAndContinuedValuesAreDecoded() {
        assertThat(ContentType.parse("text/plain; title*=UTF-8'en'%E2%82%AC%20rates").parameter("title")).contains("€ rates");
        assertThat(ContentType.parse("text/plain; title*=iso-8859-1''Gr%FC%DFe").parameter("title")).contains("Grüße");
        assertThat(ContentType.parse("text/plain; n*1=\" world\"; n*0=hello").parameter("n")).contains("hello world");
        ContentType mixed = ContentType.parse("text/plain; a=1; name*0*=UTF-8''%E2%82; name*1*=%AC; name*2=\" plain\"; z=2");
        assertThat(mixed.parameters()).containsExactly(Map.entry("a", "1"), Map.entry("name", "€ plain"), Map.entry("z", "2"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // input (\r \n \0 written as <CR> <LF> <NUL>) | position | words in the message
        "text/plain; x=\"a<CR><LF>Bcc: victim@example.com\" | 16 | U+000D",
        "text/plain; x=a<LF>b                           | 15 | U+000A",
        "text/plain<NUL>                                | 10 | U+0000",
        "text/plain; x=\"a\u2028b\"                     | 16 | U+2028",
        "text                                           | 4  | '/'",
        "text/                                          | 5  | missing subtype",
        "text/pl ain                                    | 8  | ';'",
        "te\u00e9xt/plain                               | 2  | U+00E9",
        "text/plain; x                                  | 13 | '='",
        "text/plain; x=\"open                           | 14 | not closed",
        "text/plain (open                               | 11 | comment is not closed",
        "text/plain; a=1; A=2                           | 17 | given twice",
        "text/plain; n*0=a; n*2=b                       | 12 | without gaps",
        "text/plain; n*=UTF-8''%E2%8                    | 12 | two hex digits",
        "text/plain; n*=x-no-such-charset''abc          | 12 | not supported",
        "text/plain; n*=UTF-8''%FF                      | 12 | not valid UTF-8",
        "text/plain; n*=UTF-8''a%0D%0ABcc%3A%20v        | 12 | decodes to text with a control character U+000D",
        "text/plain; n*=abc                             | 12 | charset'language'value",
        "text/plain; n*01=a                             | 12 | section",
    })
    void refusesWithTheFieldAndThePosition(String input, int position, String words) {
        String text = input.strip().replace("<CR>", "\r").replace("<LF>", "\n").replace("<NUL>", "\0");
        assertThatThrownBy(() -> ContentType.parse(text))
                .isInstanceOfSatisfying(InvalidHeaderException.class, e -> {
                    assertThat(e.field()).startsWith("content type \"");
                    assertThat(e.field()).doesNotContain("\r", "\n", "\0");
                    assertThat(e.position()).hasValue(position);
                    assertThat(e.getMessage()).contains(words).contains("position " + position);
                });
    }

    @Test
    void overlongNamesAreRefused() {
        assertThatThrownBy(() -> ContentType.parse("text/" + "x".repeat(128))).hasMessageContaining("RFC 6838");
        assertThatThrownBy(() -> ContentType.parse("text/plain; " + "p".repeat(65) + "=1")).hasMessageContaining("at most 64");
    }

    @Test
    void attachmentsTakeTheTypeParsedAndRefuseASecondName() {
        Attachment a = Attachment.of("a.txt", new byte[] {1}, "Text/Plain; charset=ISO-8859-1");
        assertThat(a.contentType()).isEqualTo(ContentType.parse("text/plain; charset=ISO-8859-1"));
        assertThatThrownBy(() -> Attachment.of("a.txt", new byte[] {1}, "text/plain; name=b.txt"))
                .isInstanceOf(InvalidHeaderException.class).hasMessageContaining("name parameter");
        assertThatThrownBy(() -> Attachment.of("a.eml", new byte[] {1}, "multipart/mixed; boundary=x"))
                .isInstanceOf(InvalidHeaderException.class).hasMessageContaining("RFC 2045 section 6.4");
    }
}
