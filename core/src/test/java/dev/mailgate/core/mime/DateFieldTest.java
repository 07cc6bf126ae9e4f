package dev.mailgate.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link DateField}'s digit-by-digit Date must be exactly the text of the formatter it replaces. */
class DateFieldTest {
    @Test
    void agreesWithTheFormatterOnRandomDatesAndZones() throws Exception {
        Random r = new Random(5322);
        for (int i = 0; i < 100_000; i++) {
            int year = switch (r.nextInt(4)) {
                case 0 -> 1 + r.nextInt(12_000);
                case 1 -> 999 + r.nextInt(3);
                case 2 -> 9998 + r.nextInt(3);
                default -> 1970 + r.nextInt(100);
            };
            LocalDateTime local = LocalDateTime.of(year, 1, 1, 0, 0).plusSeconds(r.nextInt(366 * 86_400)).plusNanos(r.nextInt(1_000_000_000));
            int offset = r.nextBoolean() ? (r.nextInt(37) - 18) * 3600 + (r.nextInt(4) * 15 * 60) * (r.nextBoolean() ? 1 : -1)
                    : r.nextInt(2 * 64_800 + 1) - 64_800;
            offset = Math.max(-64_800, Math.min(64_800, offset));
            check(OffsetDateTime.of(local, ZoneOffset.ofTotalSeconds(offset)));
        }
        check(OffsetDateTime.of(2026, 12, 3, 0, 0, 0, 0, ZoneOffset.UTC));
        check(OffsetDateTime.of(2026, 12, 31, 23, 59, 59, 999_999_999, ZoneOffset.ofHoursMinutes(-0, -30)));
        check(OffsetDateTime.of(2026, 2, 9, 9, 9, 9, 0, ZoneOffset.ofHours(18)));
        check(OffsetDateTime.of(2026, 2, 9, 9, 9, 9, 0, ZoneOffset.ofHours(-18)));
    }

    private static void check(OffsetDateTime d) throws Exception {
        MimeOutput out = new MimeOutput(64);
        DateField.write(d, out);
        assertThat(new String(out.toByteArray(), StandardCharsets.US_ASCII)).as("%s", d).isEqualTo(DateField.REFERENCE.format(d));
        out.release();
    }
}
