package dev.mailgate.postmark;

import dev.mailgate.postmark.rules.PostmarkRules;
import dev.mailgate.smtp.PresetBuilder;
import dev.mailgate.smtp.SmtpConfig;
import dev.mailgate.smtp.TlsMode;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Postmark's SMTP settings, as "What are the SMTP details / API Tokens I should be using?" gives them
 * (https://postmarkapp.com/support/article/811-what-are-the-smtp-details-api-tokens-i-should-be-using): host
 * {@code smtp.postmarkapp.com} for transactional streams and {@code smtp-broadcasts.postmarkapp.com} for broadcast
 * streams; ports 25, 2525 and 587, TLS through STARTTLS (Postmark lists no implicit-TLS port, so 465 is refused
 * rather than left to hang); the Server API Token as both user name and password, and the message stream chosen with
 * the {@value PostmarkRules#MESSAGE_STREAM_HEADER} header (without it Postmark uses the server's default
 * transactional stream). A configured stream is put on every message that names none.
 *
 * <p>The same page offers a second scheme (SMTP token access key and secret); it is the same AUTH with other
 * strings, so {@link Builder#credentials} takes it.
 */
public final class PostmarkConfig {
    public static final String TRANSACTIONAL_HOST = "smtp.postmarkapp.com";
    public static final String BROADCAST_HOST = "smtp-broadcasts.postmarkapp.com";
    public static final int DEFAULT_PORT = 587;
    /** The ports the support article lists; each takes STARTTLS. */
    public static final Set<Integer> PORTS = Set.of(25, 587, 2525);

    private final Optional<String> messageStream;
    private final SmtpConfig smtp;

    private PostmarkConfig(Optional<String> messageStream, SmtpConfig smtp) {
        this.messageStream = messageStream;
        this.smtp = smtp;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The stream put in {@value PostmarkRules#MESSAGE_STREAM_HEADER} of messages that name none. */
    public Optional<String> messageStream() {
        return messageStream;
    }

    public SmtpConfig smtp() {
        return smtp;
    }

    @Override
    public String toString() {
        return "PostmarkConfig[messageStream=" + messageStream.orElse("(server default)") + ", " + smtp + "]";
    }

    /**
     * Collects the settings; the server token is required. The host is Postmark's transactional or broadcast host
     * (override it for a test server; any port is then accepted), the port 587 by default; 25 and 2525 work the same.
     */
    public static final class Builder extends PresetBuilder<Builder> {
        private String username;
        private String password;
        private boolean broadcasts;
        private String messageStream;

        private Builder() {
            super(DEFAULT_PORT);
        }

        /** The Server API Token, which Postmark takes as both the SMTP user name and the password. */
        public Builder serverToken(String token) {
            Objects.requireNonNull(token, "token");
            return credentials(token, token);
        }

        /** An SMTP token's access key and secret (the other scheme of the support article). */
        public Builder credentials(String username, String password) {
            this.username = Objects.requireNonNull(username, "username");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /** The stream for messages that name none, e.g. {@code outbound} or a broadcast stream's ID. */
        public Builder messageStream(String streamId) {
            this.messageStream = Objects.requireNonNull(streamId, "streamId").strip();
            return this;
        }

        /** Sends through {@value #BROADCAST_HOST}, Postmark's host for broadcast streams. */
        public Builder broadcasts(boolean broadcasts) {
            this.broadcasts = broadcasts;
            return this;
        }

        public PostmarkConfig build() {
            if (username == null || password == null) {
                throw new IllegalArgumentException("the Server API Token is required (Server > API Tokens), or an SMTP token's access key and secret");
            }
            for (String s : new String[] {username, password}) {
                if (s.isBlank() || s.chars().anyMatch(Character::isWhitespace)) {
                    throw new IllegalArgumentException("the Postmark token contains whitespace or a line break (copied with it?); SMTP AUTH would fail");
                }
            }
            if (!hostOverridden() && !PORTS.contains(port())) {
                throw new IllegalArgumentException("Postmark's SMTP servers listen on 25, 587 and 2525 with STARTTLS; port " + port()
                        + " is not one of them (there is no implicit-TLS port)");
            }
            if (messageStream != null && !PostmarkRules.isStreamId(messageStream)) {
                throw new IllegalArgumentException("not a message stream ID: " + messageStream + " (e.g. outbound, broadcast)");
            }
            SmtpConfig.Builder smtp = smtpBuilder(broadcasts ? BROADCAST_HOST : TRANSACTIONAL_HOST, TlsMode.STARTTLS_REQUIRED).credentials(username, password);
            return new PostmarkConfig(Optional.ofNullable(messageStream),
                    preset(smtp, "Postmark", "the server token would go in clear text, and Postmark offers STARTTLS on every port"));
        }

        @Override
        protected Builder self() {
            return this;
        }
    }
}
