package dev.mailgate.core.message;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the bytes of an attachment come from. The writer opens the source each time the message is rendered and
 * streams it, so a large file is never held in memory. A source must return the same bytes every time it is
 * opened: the rendered size is measured by rendering.
 */
@FunctionalInterface
public interface ContentSource {
    InputStream open() throws IOException;

    /** The given bytes (copied, so later changes to the array do not change the message). */
    static ContentSource of(byte[] bytes) {
        byte[] copy = bytes.clone();
        return () -> new ByteArrayInputStream(copy);
    }

    /** The file at {@code path}, read when the message is rendered. */
    static ContentSource of(Path path) {
        return () -> Files.newInputStream(path);
    }
}
