package dev.mailgate.smtp;

import dev.mailgate.testing.smtp.TestSmtpServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a test opened (test servers, transports), closed after each test in the order it was opened; the first
 * failure to close is thrown, the others added to it. Register it as {@code @RegisterExtension final Opened opened}.
 */
final class Opened implements AfterEachCallback {
    private final List<AutoCloseable> opened = new ArrayList<>();

    /** Closed after the test; returns {@code resource}. */
    <T extends AutoCloseable> T add(T resource) {
        opened.add(resource);
        return resource;
    }

    /** Builds and starts the server, closed after the test. */
    TestSmtpServer start(TestSmtpServer.Builder builder) throws java.io.IOException {
        return add(builder.build().start());
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        Exception first = null;
        for (AutoCloseable r : opened) {
            try {
                r.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        opened.clear();
        if (first != null) {
            throw first;
        }
    }
}
