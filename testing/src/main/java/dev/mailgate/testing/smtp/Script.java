package dev.mailgate.testing.smtp;

import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/** One scripted fault of a {@link TestSmtpServer}: an action for commands with a prefix, some times, maybe at random. */
record Script(String prefix, ServerAction action, AtomicInteger remaining, double probability, Random random) {
    /** Whether this script takes {@code command} (case-insensitive prefix), using up one of its times if so. */
    boolean matches(String command) {
        return command.regionMatches(true, 0, prefix, 0, prefix.length()) && fires() && remaining.getAndDecrement() > 0;
    }

    private boolean fires() {
        if (probability >= 1) {
            return true;
        }
        synchronized (random) {
            return random.nextDouble() < probability;
        }
    }
}
