package dev.mailgate.core.message;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes the Message-ID of a message that has none: the part between the angle brackets, {@code left@right}
 * (RFC 5322 section 3.6.4). A provider module may plug in its own when the service requires a specific form.
 */
@FunctionalInterface
public interface MessageIdGenerator {
    /** @param domain the ASCII domain of the From address, which keeps the id globally unique. */
    String generate(String domain);

    /**
     * 126 random bits and the time in base 36, as in {@code lr8x1c.4f0k3m2q9z1x7w5v8u3t2s1r0q@example.com}.
     * Uniqueness, not secrecy, is what a Message-ID needs, so a fast non-cryptographic generator is used.
     */
    static MessageIdGenerator random() {
        return domain -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            return Long.toString(System.currentTimeMillis(), 36) + "."
                    // Two 63-bit halves: Long.toUnsignedString would go through BigInteger for the 64th bit.
                    + Long.toString(random.nextLong() & Long.MAX_VALUE, 36) + Long.toString(random.nextLong() & Long.MAX_VALUE, 36)
                    + "@" + domain;
        };
    }

    /** {@code prefix.1@domain}, {@code prefix.2@domain}, ...: for reproducible output in tests. */
    static MessageIdGenerator sequential(String prefix) {
        AtomicLong counter = new AtomicLong();
        return domain -> prefix + "." + counter.incrementAndGet() + "@" + domain;
    }
}
