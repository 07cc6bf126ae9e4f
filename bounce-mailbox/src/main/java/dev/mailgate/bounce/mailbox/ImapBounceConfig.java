package dev.mailgate.bounce.mailbox;

import dev.mailgate.core.address.EmailAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * Where the bounce mailbox is and how to treat it, the fields of the CRM seed's bounce settings: server, port,
 * user, password, SSL/TLS or STARTTLS, bounce address, and the folder to monitor (see
 * {@link BounceMailboxPoller#listFolders()} for offering the server's folders).
 */
public final class ImapBounceConfig {
    /** See {@link Builder#messageBudget(Duration)}. */
    public static final Duration DEFAULT_MESSAGE_BUDGET = Duration.ofSeconds(10);
    final String host;
    final int port;
    final String username;
    final String password;
    final Supplier<String> oauthToken;
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
    final Duration messageBudget;

    private ImapBounceConfig(Builder b) {
        this.host = b.host;
        this.port = b.port > 0 ? b.port : b.security.defaultPort();
        this.username = Objects.requireNonNull(b.username, "username (call credentials or oauth2)");
        this.oauthToken = b.oauthToken;
        this.password = b.oauthToken != null ? null : Objects.requireNonNull(b.password, "password (call credentials)");
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
        this.messageBudget = b.messageBudget;
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

    /** The longest reading one message may take before it is filed as not handled. */
    public Duration messageBudget() {
        return messageBudget;
    }

    /** Whether the poller logs in with AUTHENTICATE XOAUTH2 instead of LOGIN. */
    public boolean usesOAuth2() {
        return oauthToken != null;
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
        private Supplier<String> oauthToken;
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
        private Duration messageBudget = DEFAULT_MESSAGE_BUDGET;

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
            this.oauthToken = null;
            return this;
        }

        /**
         * AUTHENTICATE XOAUTH2 (Google's and Microsoft's SASL mechanism for OAuth 2.0 bearer tokens) instead of a
         * password, for Gmail and Microsoft 365, which no longer accept passwords over IMAP. The supplier is asked
         * for a fresh access token at every connection; refreshing it is the caller's (the token's lifetime is
         * theirs to know).
         */
        public Builder oauth2(String username, Supplier<String> accessToken) {
            this.username = Objects.requireNonNull(username, "username");
            this.oauthToken = Objects.requireNonNull(accessToken, "accessToken");
            this.password = null;
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

        /**
         * The folder to monitor; {@code INBOX} by default. In every folder name {@code /} separates levels of the
         * hierarchy and is written as the server's own separator ({@code .} on Dovecot and Courier).
         */
        public Builder folder(String folder) {
            this.folder = requireName(folder);
            return this;
        }

        /** Where handled bounces go ({@code Mailgate/Processed}); created when missing. */
        public Builder processedFolder(String folder) {
            this.processedFolder = requireName(folder);
            return this;
        }

        /**
         * Where mail that is not a bounce goes, and mail that took longer than the message budget to read
         * ({@code Mailgate/Not a bounce}); never deleted; created when missing.
         */
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

        /**
         * The longest the poller spends reading (parsing and classifying) one message; 10 s by default
         * ({@link ImapBounceConfig#DEFAULT_MESSAGE_BUDGET}), some hundred times what the largest real bounce takes. A
         * message that takes longer is moved to the not-a-bounce folder and reported in
         * {@link PollResult#unhandled()} with the reason, never retried: anyone can mail a bounce address, and one
         * message must not stop the bounces behind it. The handler's own time is not counted.
         */
        public Builder messageBudget(Duration budget) {
            if (budget.isNegative() || budget.isZero()) {
                throw new IllegalArgumentException("messageBudget must be positive");
            }
            this.messageBudget = budget;
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
