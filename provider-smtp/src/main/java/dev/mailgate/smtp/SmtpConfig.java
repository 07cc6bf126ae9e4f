package dev.mailgate.smtp;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.limits.InputLimits;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * Connection settings of an {@link SmtpTransport}. Defaults are safe: STARTTLS required with certificate and
 * host-name verification, no credentials over plaintext, finite timeouts (RFC 5321 section 4.5.3.2 sizes).
 */
public final class SmtpConfig {
    final String host;
    final int port;
    final TlsMode tlsMode;
    final SSLContext sslContext;
    final boolean verifyHostname;
    final String username;
    final String password;
    final Supplier<String> oauthToken;
    final boolean allowPlaintextAuth;
    final String heloName;
    final EmailAddress defaultFrom;
    final Duration connectTimeout;
    final Duration commandTimeout;
    final Duration dataTimeout;
    final Duration sendDeadline;
    final int maxConnections;
    final int maxMessagesPerConnection;
    final Duration idleTimeout;
    final Duration maxConnectionAge;
    final Duration claimTimeout;
    final int maxAttempts;
    final Duration initialBackoff;
    final Duration maxBackoff;
    final long maxPerDay;
    final double maxPerSecond;
    final boolean waitForQuota;
    final Set<String> dsnNotify;
    final String dsnReturn;
    final InputLimits limits;
    /** Null: not configured (on, unless the transport signs with DKIM: {@link EightBitMime#enabled}). */
    final Boolean eightBitMime;

    private SmtpConfig(Builder b) {
        this.host = Objects.requireNonNull(b.host, "host");
        // RFC 8314 section 3.3: port 465 is implicit TLS; speaking plaintext there waits out the command timeout.
        this.tlsMode = b.tlsMode != null ? b.tlsMode : b.port == 465 ? TlsMode.IMPLICIT : TlsMode.STARTTLS_REQUIRED;
        this.port = b.port > 0 ? b.port : tlsMode == TlsMode.IMPLICIT ? 465 : 587;
        this.sslContext = b.sslContext;
        this.verifyHostname = b.verifyHostname;
        this.username = b.username;
        this.password = b.password;
        this.oauthToken = b.oauthToken;
        this.allowPlaintextAuth = b.allowPlaintextAuth;
        this.heloName = b.heloName != null ? b.heloName : HeloName.machineDefault();
        this.defaultFrom = b.defaultFrom;
        this.connectTimeout = b.connectTimeout;
        this.commandTimeout = b.commandTimeout;
        this.dataTimeout = b.dataTimeout;
        this.sendDeadline = b.sendDeadline;
        this.limits = b.limits;
        this.maxConnections = b.maxConnections;
        this.maxMessagesPerConnection = b.maxMessagesPerConnection;
        this.idleTimeout = b.idleTimeout;
        this.maxConnectionAge = b.maxConnectionAge;
        this.claimTimeout = b.claimTimeout;
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.maxPerDay = b.maxPerDay;
        this.maxPerSecond = b.maxPerSecond;
        this.waitForQuota = b.waitForQuota;
        this.dsnNotify = Set.copyOf(b.dsnNotify);
        this.dsnReturn = b.dsnReturn;
        this.eightBitMime = b.eightBitMime;
        if (tlsMode == TlsMode.NONE && (username != null || oauthToken != null) && !allowPlaintextAuth) {
            throw new IllegalArgumentException("credentials with TLS mode NONE would be sent in plaintext; "
                    + "use STARTTLS_REQUIRED or IMPLICIT, or call allowPlaintextAuth(true) for a trusted local relay");
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

    public TlsMode tlsMode() {
        return tlsMode;
    }

    /** Whether the server certificate's names are checked against the host (RFC 6125); on unless switched off. */
    public boolean verifiesHostname() {
        return verifyHostname;
    }

    public Optional<String> username() {
        return Optional.ofNullable(username);
    }

    public Optional<EmailAddress> defaultFrom() {
        return Optional.ofNullable(defaultFrom);
    }

    public long maxPerDay() {
        return maxPerDay;
    }

    /** Connections the pool opens at most (default 4). */
    public int maxConnections() {
        return maxConnections;
    }

    /** The bounds server replies are read with: {@link InputLimits#maxReplyLines()} and {@link InputLimits#maxReplyLineOctets()}. */
    public InputLimits limits() {
        return limits;
    }

    /** Messages one connection carries before it is closed with QUIT and replaced (default 100). */
    public int maxMessagesPerConnection() {
        return maxMessagesPerConnection;
    }

    /** How long a pooled connection may sit unused before it is closed (default 30 s). */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** The age after which a connection is not reused (default 10 minutes). */
    public Duration maxConnectionAge() {
        return maxConnectionAge;
    }

    @Override
    public String toString() {
        return "SmtpConfig[" + host + ":" + port + ", tls=" + tlsMode + ", user=" + username + "]";
    }

    /** Optional settings of an {@link SmtpConfig}. */
    public static final class Builder {
        private final String host;
        private int port;
        private TlsMode tlsMode;
        private SSLContext sslContext;
        private boolean verifyHostname = true;
        private String username;
        private String password;
        private Supplier<String> oauthToken;
        private boolean allowPlaintextAuth;
        private String heloName;
        private EmailAddress defaultFrom;
        private Duration connectTimeout = Duration.ofSeconds(30);
        // RFC 5321 section 4.5.3.2: 5 minutes for MAIL/RCPT, 2 for DATA, 10 for the final dot.
        private Duration commandTimeout = Duration.ofMinutes(5);
        private Duration dataTimeout = Duration.ofMinutes(10);
        private Duration sendDeadline = Duration.ofMinutes(15);
        private InputLimits limits = InputLimits.defaults();
        private int maxConnections = 4;
        private int maxMessagesPerConnection = 100;
        private Duration idleTimeout = Duration.ofSeconds(30);
        private Duration maxConnectionAge = Duration.ofMinutes(10);
        private Duration claimTimeout = Duration.ofSeconds(60);
        private int maxAttempts = 3;
        private Duration initialBackoff = Duration.ofSeconds(1);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private long maxPerDay;
        private double maxPerSecond;
        private boolean waitForQuota;
        private Set<String> dsnNotify = Set.of();
        private String dsnReturn;
        private Boolean eightBitMime;

        private Builder(String host) {
            this.host = Objects.requireNonNull(host, "host");
        }

        /** Defaults to 587 (submission), or 465 for implicit TLS. Port 465 without a TLS mode means implicit TLS. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Default: {@link TlsMode#IMPLICIT} on port 465 (RFC 8314 section 3.3), {@link TlsMode#STARTTLS_REQUIRED} elsewhere. */
        public Builder tlsMode(TlsMode mode) {
            this.tlsMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** Trust material for the server certificate (default: the JVM's trust store). */
        public Builder sslContext(SSLContext context) {
            this.sslContext = context;
            return this;
        }

        /** Host-name verification (on by default). Turning it off accepts any certificate the trust store accepts. */
        public Builder verifyHostname(boolean verify) {
            this.verifyHostname = verify;
            return this;
        }

        /** AUTH PLAIN or LOGIN (RFC 4954), whichever the server offers, PLAIN preferred. */
        public Builder credentials(String username, String password) {
            this.username = Objects.requireNonNull(username, "username");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /** AUTH XOAUTH2 with a fresh access token per connection (Gmail, Office 365). */
        public Builder oauth2(String username, Supplier<String> accessToken) {
            this.username = Objects.requireNonNull(username, "username");
            this.oauthToken = Objects.requireNonNull(accessToken, "accessToken");
            return this;
        }

        /** Allows AUTH on an unencrypted session: only for a trusted local relay. */
        public Builder allowPlaintextAuth(boolean allow) {
            this.allowPlaintextAuth = allow;
            return this;
        }

        /**
         * The name sent with EHLO (RFC 5321 section 4.1.1.1: the client's fully qualified domain name). Default: this
         * machine's FQDN when it has one, else {@code localhost}, which many receivers score as spam: set the name
         * of the sending host (one whose A record and PTR agree) when the machine has no FQDN.
         */
        public Builder heloName(String name) {
            this.heloName = Objects.requireNonNull(name, "name");
            return this;
        }

        /** The From address for messages that have none (the seeds' "From Address" setting). */
        public Builder defaultFrom(EmailAddress from) {
            this.defaultFrom = from;
            return this;
        }

        public Builder connectTimeout(Duration d) {
            this.connectTimeout = positive(d, "connectTimeout");
            return this;
        }

        /** The wait for each reply to a command, and the limit of each write (at most 64 KiB) to the server. */
        public Builder commandTimeout(Duration d) {
            this.commandTimeout = positive(d, "commandTimeout");
            return this;
        }

        /** The wait for the reply to the final dot. */
        public Builder dataTimeout(Duration d) {
            this.dataTimeout = positive(d, "dataTimeout");
            return this;
        }

        /** The overall limit of one send: waiting for a connection, session setup, every attempt and backoff. */
        public Builder sendDeadline(Duration d) {
            this.sendDeadline = positive(d, "sendDeadline");
            return this;
        }

        /** The bounds a lying server's replies are read with (default {@link InputLimits#defaults()}: 200 lines of 4096 octets). */
        public Builder limits(InputLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        public Builder maxConnections(int n) {
            this.maxConnections = atLeastOne(n, "maxConnections");
            return this;
        }

        public Builder maxMessagesPerConnection(int n) {
            this.maxMessagesPerConnection = atLeastOne(n, "maxMessagesPerConnection");
            return this;
        }

        public Builder idleTimeout(Duration d) {
            this.idleTimeout = positive(d, "idleTimeout");
            return this;
        }

        public Builder maxConnectionAge(Duration d) {
            this.maxConnectionAge = positive(d, "maxConnectionAge");
            return this;
        }

        /** How long a send waits for a free connection when all are busy. */
        public Builder claimTimeout(Duration d) {
            this.claimTimeout = positive(d, "claimTimeout");
            return this;
        }

        /** Attempts per message for transient failures (1 = no retry). */
        public Builder maxAttempts(int n) {
            this.maxAttempts = atLeastOne(n, "maxAttempts");
            return this;
        }

        /** Exponential backoff between attempts, doubled each time up to {@code max}, with full jitter. */
        public Builder backoff(Duration initial, Duration max) {
            this.initialBackoff = Objects.requireNonNull(initial, "initial");
            this.maxBackoff = Objects.requireNonNull(max, "max");
            return this;
        }

        /** The daily quota (the CRM seed's "send rate"; free Gmail / Office 365 accounts allow about 500). 0 = none. */
        public Builder maxPerDay(long n) {
            if (n < 0) {
                throw new IllegalArgumentException("maxPerDay must not be negative");
            }
            this.maxPerDay = n;
            return this;
        }

        /** A smooth rate limit; sends wait for their turn. 0 = none. */
        public Builder maxPerSecond(double n) {
            if (n < 0) {
                throw new IllegalArgumentException("maxPerSecond must not be negative");
            }
            this.maxPerSecond = n;
            return this;
        }

        /** When the daily quota is used up: wait for the reset instead of failing with {@link QuotaExceededException}. */
        public Builder waitForQuota(boolean wait) {
            this.waitForQuota = wait;
            return this;
        }

        /** RFC 3461 NOTIFY values (SUCCESS, FAILURE, DELAY or NEVER) and RET (FULL or HDRS), used when the server offers DSN. */
        public Builder dsn(Set<String> notify, String ret) {
            this.dsnNotify = Set.copyOf(notify);
            this.dsnReturn = ret;
            return this;
        }

        /**
         * Whether text bodies of the messages Mailgate renders go out 8bit ({@code Content-Transfer-Encoding: 8bit},
         * {@code MAIL FROM:<...> BODY=8BITMIME}) where the server offers 8BITMIME (RFC 6152): fewer octets and less
         * work than quoted-printable on both sides. A part goes 8bit only when it is UTF-8 text with no line over 998
         * octets (RFC 5322 section 2.1.1); a server without 8BITMIME gets the 7-bit form as before, a retry on one
         * too. Default: on, but off when the transport signs with DKIM, since a relay further on that converts 8bit
         * to 7 bits breaks the signature (RFC 6376 section 5.3: signers SHOULD sign a 7-bit form); set it to turn
         * it on with DKIM too (the signature then covers the 8bit form sent), or off everywhere.
         */
        public Builder eightBitMime(boolean use) {
            this.eightBitMime = use;
            return this;
        }

        public SmtpConfig build() {
            return new SmtpConfig(this);
        }

        /**
         * Builds a provider preset's config after the user's tuning hook ran. A preset promises verified certificates
         * and encrypted credentials, so the hook cannot take either back: host-name verification off or TLS mode
         * {@code NONE} fail here, with {@code whyTls} (the provider's own reason) in the message. The one check every
         * preset shares; a private CA still goes in {@code sslContext(...)}.
         */
        public SmtpConfig buildPreset(String preset, String whyTls) {
            SmtpConfig config = build();
            if (!config.verifiesHostname()) {
                throw new IllegalArgumentException("the " + preset + " preset always verifies the server's host name; verifyHostname(false) "
                        + "cannot be set through smtp(...). Trust a private CA with sslContext(...) instead, or build an SmtpConfig yourself");
            }
            if (config.tlsMode() == TlsMode.NONE) {
                throw new IllegalArgumentException(whyTls + "; TLS mode NONE is refused");
            }
            return config;
        }

        private static Duration positive(Duration d, String name) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + d);
            }
            return d;
        }

        private static int atLeastOne(int n, String name) {
            if (n < 1) {
                throw new IllegalArgumentException(name + " must be at least 1, was " + n);
            }
            return n;
        }
    }
}
