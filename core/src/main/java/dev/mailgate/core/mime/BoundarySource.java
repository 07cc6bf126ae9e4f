package dev.mailgate.core.mime;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Supplies multipart boundaries. Every boundary starts with {@code =_}, a sequence that quoted-printable and base64
 * output never contain and that the writer never sends unencoded, so a boundary cannot collide with content.
 */
@FunctionalInterface
public interface BoundarySource {
    /** The text after the {@code =_} prefix: 1 to 60 characters of RFC 2046 bchars without spaces. */
    String nextSuffix();

    /** 126 random bits in base 36 (up to 26 characters). */
    static BoundarySource random() {
        return () -> {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            return "mg" + Long.toString(r.nextLong() & Long.MAX_VALUE, 36) + Long.toString(r.nextLong() & Long.MAX_VALUE, 36);
        };
    }

    /** {@code prefix1}, {@code prefix2}, ...: for deterministic (golden-file) output. */
    static BoundarySource sequential(String prefix) {
        AtomicLong n = new AtomicLong();
        return () -> prefix + n.incrementAndGet();
    }
}
