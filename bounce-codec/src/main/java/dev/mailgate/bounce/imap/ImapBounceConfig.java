package dev.mailgate.bounce.imap;

import dev.mailgate.core.address.EmailAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * Where the bounce mailbox is and how to treat it, the fields of the CRM seed's bounce settings: server, port,
 * user, password, SSL/TLS or STARTTLS, bounce address, and the folder to monitor (see
 * {@link BounceMailboxPoller#listFolders()} for offering the server's folders).
 */
public final class ImapBounceConfig {
    final String host;
    final int port;
    final String username;
    final String password;
    final ImapSecurity security;
    final SSLContext sslContext;
    final boolean verifyHostname;
    final EmailAddress bounceAddress;
    final String folder;
    final String processedFolder;
    final String notBounceFolder;
    final Duration pollInterval;
    final Duration timeout;
    final boolean useIdle;
    final int maxMessagesPerPoll;

    private ImapBounceConfig(Builder b) {
        this.host = b.host;
        this.port = b.port > 0 ? b.port : b.security.defaultPort();
        this.username = Objects.requireNonNull(b.username, "username (call credentials)");
        this.password = Objects.requireNonNull(b.password, "password (call credentials)");
        this.security = b.security;
        this.sslContext = b.sslContext;
        this.verifyHostname = b.verifyHostname;
        this.bounceAddress = b.bounceAddress;
        this.folder = b.folder;
        this.processedFolder = b.processedFolder;
        this.notBounceFolder = b.notBounceFolder;
        this.pollInterval = b.pollInterval;
        this.timeout = b.timeout;
        this.useIdle = b.useIdle;
        this.maxMessagesPerPoll = b.maxMessagesPerPoll;
        if (security == ImapSecurity.NONE && !b.allowPlaintext) {
            throw new IllegalArgumentException("ImapSecurity.NONE sends the password in the clear; call allowPlaintext(true) to mean it");
        }
        if (folder.equals(processedFolder) || folder.equals(notBounceFolder)) {
            throw new IllegalArgumentException("the processed and not-a-bounce folders must differ from the monitored folder \""
                    + folder + "\", or messages would be read again forever");
        }
    }

    public static Builder builder(String host) {
        return new Builder(host);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public ImapSecurity security() {
        return security;
    }

    public String folder() {
        return folder;
    }

    public String processedFolder() {
        return processedFolder;
    }

    public String notBounceFolder() {
        return notBounceFolder;
    }

    /** The address bounces are sent to (the envelope sender of our mail), if configured. */
    public Optional<EmailAddress> bounceAddress() {
        return Optional.ofNullable(bounceAddress);
    }

    public Duration pollInterval() {
        return pollInterval;
    }

    @Override
    public String toString() {
        return "ImapBounceConfig[" + username + "@" + host + ":" + port + ", " + security + ", folder=" + folder + "]";
    }

    /** Collects the settings; only host and credentials are required. */
    public static final class Builder {
        private final String host;
        private int port;
        private String username;
        private String password;
        private ImapSecurity security = ImapSecurity.IMPLICIT_TLS;
        private SSLContext sslContext;
        private boolean verifyHostname = true;
        private boolean allowPlaintext;
        private EmailAddress bounceAddress;
        private String folder = "INBOX";
        private String processedFolder = "Mailgate/Processed";
        private String notBounceFolder = "Mailgate/Not a bounce";
        private Duration pollInterval = Duration.ofMinutes(1);
        private Duration timeout = Duration.ofSeconds(30);
        private boolean useIdle = true;
        private int maxMessagesPerPoll = 500;

        private Builder(String host) {
            this.host = Objects.requireNonNull(host, "host");
            if (host.isBlank()) {
                throw new IllegalArgumentException("host is blank");
            }
        }

        /** The port; defaults to 993 for implicit TLS and 143 otherwise. */
        public Builder port(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port must be 1-65535, was " + port);
            }
            this.port = port;
            return this;
        }

        public Builder credentials(String username, String password) {
            this.username = Objects.requireNonNull(username, "username");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        public Builder security(ImapSecurity security) {
            this.security = Objects.requireNonNull(security, "security");
            return this;
        }

        /** Trust material for a private CA or a self-signed server; certificates are always verified. */
        public Builder sslContext(SSLContext context) {
            this.sslContext = Objects.requireNonNull(context, "context");
            return this;
        }

        /** Host-name verification of the server certificate (RFC 6125); on by default. */
        public Builder verifyHostname(boolean verify) {
            this.verifyHostname = verify;
            return this;
        }

        public Builder allowPlaintext(boolean allow) {
            this.allowPlaintext = allow;
            return this;
        }

        public Builder bounceAddress(EmailAddress address) {
            this.bounceAddress = Objects.requireNonNull(address, "address");
            return this;
        }

        /** The folder to monitor; {@code INBOX} by default. */
        public Builder folder(String folder) {
            this.folder = requireName(folder);
            return this;
        }

        /** Where handled bounces go; created when missing. */
        public Builder processedFolder(String folder) {
            this.processedFolder = requireName(folder);
            return this;
        }

        /** Where mail that is not a bounce goes (never deleted); created when missing. */
        public Builder notBounceFolder(String folder) {
            this.notBounceFolder = requireName(folder);
            return this;
        }

        /** How often to look when the server has no IDLE, and the longest an IDLE waits before looking anyway. */
        public Builder pollInterval(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("pollInterval must be positive");
            }
            this.pollInterval = interval;
            return this;
        }

        /** Connect and read timeout of the IMAP connection. */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            this.timeout = timeout;
            return this;
        }

        /** Use IMAP IDLE (RFC 2177) when the server offers it; on by default. */
        public Builder useIdle(boolean idle) {
            this.useIdle = idle;
            return this;
        }

        public Builder maxMessagesPerPoll(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxMessagesPerPoll must be at least 1");
            }
            this.maxMessagesPerPoll = max;
            return this;
        }

        private static String requireName(String folder) {
            Objects.requireNonNull(folder, "folder");
            if (folder.isBlank()) {
                throw new IllegalArgumentException("folder name is blank");
            }
            return folder;
        }

        public ImapBounceConfig build() {
            return new ImapBounceConfig(this);
        }
    }
}
