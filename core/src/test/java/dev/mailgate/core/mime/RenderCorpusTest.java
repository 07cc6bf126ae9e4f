package dev.mailgate.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.core.message.EmailMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The writer's output must not change by a single octet when its internals do: every message of
 * {@link RenderCorpus}, rendered by the 7-bit, 8BITMIME and SMTPUTF8 writers, through both {@code toBytes} and
 * {@code writeTo}, hashes (the first 96 bits of a SHA-256 over the three writers' outputs) to the value recorded
 * in {@code mime/render-corpus.sha256}, made by the writer as it was before the rendering fast paths (8a3fdbd). A builder refusal or render error is recorded as its exception's message.
 *
 * <p>To record the hashes again (only for an intended change of output): run with
 * {@code -Dmailgate.renderCorpus.write=<dir>}; the hashes go to {@code <dir>/render-corpus.sha256} and every rendered
 * message to {@code <dir>/<case>.eml}, for diffing.
 */
class RenderCorpusTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-07T04:05:06Z"), ZoneOffset.ofHours(1));

    @Test
    void everyCaseRendersTheRecordedOctets() throws Exception {
        Map<String, String> actual = render(null);
        String write = System.getProperty("mailgate.renderCorpus.write");
        if (write != null) {
            Path dir = Path.of(write);
            Files.createDirectories(dir);
            render(dir);
            StringBuilder s = new StringBuilder();
            actual.forEach((k, v) -> s.append(k).append(' ').append(v).append('\n'));
            Files.writeString(dir.resolve("render-corpus.sha256"), s);
            return;
        }
        Map<String, String> expected = new LinkedHashMap<>();
        try (InputStream in = RenderCorpusTest.class.getResourceAsStream("/mime/render-corpus.sha256")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                int space = line.indexOf(' ');
                expected.put(line.substring(0, space), line.substring(space + 1));
            }
        }
        List<String> differing = new ArrayList<>();
        expected.forEach((k, v) -> {
            if (!v.equals(actual.get(k))) {
                differing.add(k);
            }
        });
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        assertThat(differing).as("cases whose rendering changed").isEmpty();
    }

    private static Map<String, String> render(Path dump) throws IOException, NoSuchAlgorithmException {
        Map<String, String> hashes = new LinkedHashMap<>();
        Map<String, MimeWriter> writers = new LinkedHashMap<>();
        for (String mode : List.of("7bit", "8bitmime", "smtputf8")) {
            MimeWriter.Builder b = MimeWriter.builder().clock(CLOCK).boundaries(BoundarySource.sequential("c"));
            writers.put(mode, mode.equals("7bit") ? b.build() : mode.equals("8bitmime") ? b.eightBitMime(true).build() : b.smtpUtf8(true).build());
        }
        for (Map.Entry<String, Supplier<EmailMessage>> c : RenderCorpus.cases().entrySet()) {
            EmailMessage m;
            try {
                m = c.getValue().get();
            } catch (RuntimeException e) {
                hashes.put(c.getKey(), "refused:" + sha256((e.getClass().getName() + e.getMessage()).getBytes(StandardCharsets.UTF_8)));
                continue;
            }
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, MimeWriter> w : writers.entrySet()) {
                // a fresh writer per case: sequential boundaries restart, so each case stands alone
                MimeWriter writer = w.getValue().toBuilder().boundaries(BoundarySource.sequential("c")).build();
                MimeWriter streaming = w.getValue().toBuilder().boundaries(BoundarySource.sequential("c")).build();
                String key = c.getKey() + "/" + w.getKey();
                byte[] bytes;
                try {
                    bytes = writer.toBytes(m);
                } catch (RuntimeException e) {
                    bytes = ("error:" + e.getClass().getName() + e.getMessage()).getBytes(StandardCharsets.UTF_8);
                }
                if (!new String(bytes, StandardCharsets.UTF_8).startsWith("error:")) {
                    ByteArrayOutputStream streamed = new ByteArrayOutputStream();
                    long written = streaming.writeTo(m, streamed);
                    assertThat(streamed.toByteArray()).as(key + " writeTo = toBytes").isEqualTo(bytes);
                    assertThat(written).as(key + " count").isEqualTo(bytes.length);
                }
                digest.update((w.getKey() + ":" + bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
                digest.update(bytes);
                if (dump != null) {
                    Files.write(dump.resolve(key.replace('/', '.') + ".eml"), bytes);
                }
            }
            hashes.put(c.getKey(), HexFormat.of().formatHex(digest.digest()).substring(0, 24));
        }
        return hashes;
    }

    private static String sha256(byte[] b) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b)).substring(0, 24);
    }
}
