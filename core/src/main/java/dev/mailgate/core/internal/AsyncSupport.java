package dev.mailgate.core.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pool behind the default {@code Transport.sendAsync}: daemon threads, because sending blocks on I/O and must
 * not occupy the common fork-join pool, and must not keep the JVM alive either.
 */
public final class AsyncSupport {
    private static final ExecutorService EXECUTOR = Executors.newCachedThreadPool(new java.util.concurrent.ThreadFactory() {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "mailgate-async-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    });

    private AsyncSupport() {
    }

    public static Executor executor() {
        return EXECUTOR;
    }
}
