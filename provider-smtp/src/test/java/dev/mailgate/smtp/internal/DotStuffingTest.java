package dev.mailgate.smtp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DotStuffingTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "plain line|'a'|'a<CRLF>.<CRLF>'",
        "ends with CRLF|'a<CRLF>'|'a<CRLF>.<CRLF>'",
        "leading dot|'.a<CRLF>.<CRLF>b'|'..a<CRLF>..<CRLF>b<CRLF>.<CRLF>'",
        "bare LF dot LF|'x<LF>.<LF>y'|'x<CRLF>..<CRLF>y<CRLF>.<CRLF>'",
        "bare CR dot CR|'x<CR>.<CR>y'|'x<CRLF>..<CRLF>y<CRLF>.<CRLF>'",
        "CRLF dot CR|'x<CRLF>.<CR>y'|'x<CRLF>..<CRLF>y<CRLF>.<CRLF>'",
        "empty|''|'.<CRLF>'",
        "only dots|'...'|'....<CRLF>.<CRLF>'",
        "empty lines|'<CRLF><CRLF>'|'<CRLF><CRLF>.<CRLF>'",
    })
    void stuffsDotsAndRepairsLineBreaks(String name, String in, String expected) {
        DotStuffing out = DotStuffing.encode(ByteBuffer.wrap(decode(in).getBytes(StandardCharsets.US_ASCII)));
        assertThat(new String(out.data(), StandardCharsets.US_ASCII)).isEqualTo(decode(expected));
        assertThat(out.eightBit()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"café", "日本", "x\u0080"})
    void notesEightBitContent(String text) {
        assertThat(DotStuffing.encode(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8))).eightBit()).isTrue();
    }

    private static String decode(String s) {
        return s.replace("<CRLF>", "\r\n").replace("<CR>", "\r").replace("<LF>", "\n");
    }
}
