package dev.mailgate.bounce.mailbox;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The keys (Message-IDs) of bounces already handed to the handler, so that a message seen again after a crash
 * between handling and moving is moved without being counted twice. Implementations must be durable for that to
 * hold across restarts: {@link #file(Path)} is.
 */
public interface ProcessedMessages {
    boolean contains(String key);

    /** Records a key; must be durable when it returns. */
    void add(String key);

    /** Forgets nothing and survives nothing: for tests and single-run tools. */
    static ProcessedMessages inMemory() {
        Set<String> keys = ConcurrentHashMap.newKeySet();
        return new ProcessedMessages() {
            @Override
            public boolean contains(String key) {
                return keys.contains(key);
            }

            @Override
            public void add(String key) {
                keys.add(key);
            }
        };
    }

    /**
     * Records kept elsewhere, e.g. in the database several instances share ({@code SharedState.processed(mailbox)}
     * of the suppression module, issue 23), so that a standby poller taking over the mailbox knows what the previous
     * holder handled. {@code add} must be durable when it returns.
     */
    static ProcessedMessages of(java.util.function.Predicate<String> contains, java.util.function.Consumer<String> add) {
        java.util.Objects.requireNonNull(contains, "contains");
        java.util.Objects.requireNonNull(add, "add");
        return new ProcessedMessages() {
            @Override
            public boolean contains(String key) {
                return contains.test(key);
            }

            @Override
            public void add(String key) {
                add.accept(key);
            }
        };
    }

    /**
     * An append-only file with one key per line, forced to disk after every add. Keys are Message-IDs, which
     * cannot contain line breaks (RFC 5322 3.6.4); anything else is refused.
     */
    static ProcessedMessages file(Path path) {
        return new FileProcessedMessages(path);
    }

    /** The file-backed implementation. */
    final class FileProcessedMessages implements ProcessedMessages {
        private final Path path;
        private final Set<String> keys = Collections.synchronizedSet(new HashSet<>());

        FileProcessedMessages(Path path) {
            this.path = path;
            try {
                if (Files.exists(path)) {
                    keys.addAll(Files.readAllLines(path, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the processed-messages file " + path, e);
            }
        }

        @Override
        public boolean contains(String key) {
            return keys.contains(key);
        }

        @Override
        public synchronized void add(String key) {
            if (key.indexOf('\n') >= 0 || key.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("a processed-message key cannot contain a line break");
            }
            if (!keys.add(key)) {
                return;
            }
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
                    BufferedWriter out = new BufferedWriter(java.nio.channels.Channels.newWriter(channel, StandardCharsets.UTF_8))) {
                out.write(key);
                out.write('\n');
                out.flush();
                channel.force(true);
            } catch (IOException e) {
                keys.remove(key);
                throw new UncheckedIOException("cannot record processed message in " + path, e);
            }
        }
    }
}
