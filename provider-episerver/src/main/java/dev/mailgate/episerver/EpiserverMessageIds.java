package dev.mailgate.episerver;

import dev.mailgate.core.message.MessageIdGenerator;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Message-IDs of the form the seed shows, {@code <32hhr34-42hkjh42@example.com>}: two base-36 groups joined by a
 * hyphen (the time, then 104 random bits), at the From domain.
 */
public final class EpiserverMessageIds {
    private EpiserverMessageIds() {
    }

    public static MessageIdGenerator generator() {
        return domain -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            return Long.toString(System.currentTimeMillis(), 36) + "-"
                    + Long.toString(random.nextLong() & Long.MAX_VALUE, 36) + Long.toString(random.nextLong() & 0xFF_FFFF_FFFFL, 36)
                    + "@" + domain;
        };
    }
}
