package dev.mailgate.bounce.mailbox;

import dev.mailgate.bounce.BounceReport;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The key a handled bounce is recorded under in {@link ProcessedMessages}: the report's own Message-ID, or a digest of
 * its bytes when it has none, so that a message offered again after a crash between handling and moving is known.
 */
final class MessageKey {
    private MessageKey() {
    }

    static String of(BounceReport report, byte[] raw) {
        if (report.messageId().isPresent()) {
            return "mid:" + report.messageId().get();
        }
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
