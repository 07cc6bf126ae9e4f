package dev.mailgate.cloudmailin;

import dev.mailgate.core.address.DomainNames;
import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.smtp.PresetBuilder;
import dev.mailgate.smtp.SmtpConfig;
import dev.mailgate.smtp.TlsMode;
import java.util.Objects;
import java.util.Optional;

/**
 * CloudMailin outbound settings (seed 003): the SMTP host and port from the account's dashboard, the user name and
 * password (PLAIN or LOGIN, and only after STARTTLS: the seed's "we only accept SMTP Auth once an encrypted session
 * has been established"), the sending domain ({@code example.com}) and its envelope subdomain (default
 * {@code mta.example.com}, where bounces go). CloudMailin outbound is for <b>transactional</b> mail only.
 *
 * <p>The envelope sender is {@code bounces@mta.example.com}, or with a {@link #verpSecret} a VERP address
 * {@code bounces+...@mta.example.com} that names the recipient, so bounces can be attributed.
 */
public final class CloudMailinConfig {
    public static final int DEFAULT_PORT = 587;

    private final String sendingDomain;
    private final String envelopeDomain;
    private final byte[] verpSecret;
    private final boolean flagBulk;
    private final SmtpConfig smtp;

    private CloudMailinConfig(Builder b) {
        this.sendingDomain = domain(Objects.requireNonNull(b.sendingDomain, "sendingDomain is required"));
        this.envelopeDomain = b.envelopeSubdomain == null ? "mta." + sendingDomain : domain(b.envelopeSubdomain);
        if (!envelopeDomain.endsWith("." + sendingDomain)) {
            throw new IllegalArgumentException("the envelope domain " + envelopeDomain + " must be a subdomain of the sending domain "
                    + sendingDomain + " (CloudMailin: \"we will send from mta.example.com\")");
        }
        this.verpSecret = b.verpSecret == null ? null : b.verpSecret.clone();
        this.flagBulk = b.flagBulk;
        this.smtp = b.smtpConfig();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The From domain, lower-case ASCII. */
    public String sendingDomain() {
        return sendingDomain;
    }

    /** The domain of the envelope sender, {@code mta.<sending domain>} by default. */
    public String envelopeDomain() {
        return envelopeDomain;
    }

    /** The key of VERP return paths, if configured. */
    public Optional<byte[]> verpSecret() {
        return Optional.ofNullable(verpSecret).map(byte[]::clone);
    }

    /** Whether the (off by default) rule that flags bulk mail is on. */
    public boolean flagsBulkMail() {
        return flagBulk;
    }

    public SmtpConfig smtp() {
        return smtp;
    }

    static String domain(String domain) {
        return DomainNames.normalize(domain);
    }

    @Override
    public String toString() {
        return "CloudMailinConfig[sendingDomain=" + sendingDomain + ", envelopeDomain=" + envelopeDomain + ", verp="
                + (verpSecret != null) + ", smtp=" + smtp + "]";
    }

    /**
     * Collects the settings; host, credentials and sending domain are required (the host is the one the account
     * dashboard names; there is no default). The port is 587 by default, always with STARTTLS.
     */
    public static final class Builder extends PresetBuilder<Builder> {
        private String username;
        private String password;
        private String sendingDomain;
        private String envelopeSubdomain;
        private byte[] verpSecret;
        private boolean flagBulk;

        private Builder() {
            super(DEFAULT_PORT);
        }

        public Builder credentials(String username, String password) {
            this.username = Objects.requireNonNull(username, "username");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /** The From domain, e.g. {@code example.com}. */
        public Builder sendingDomain(String domain) {
            this.sendingDomain = Objects.requireNonNull(domain, "domain");
            return this;
        }

        /** The envelope domain; {@code mta.<sending domain>} by default (the CNAME the setup asks for). */
        public Builder envelopeSubdomain(String domain) {
            this.envelopeSubdomain = Objects.requireNonNull(domain, "domain");
            return this;
        }

        /** A key (16+ bytes) for VERP return paths that name the recipient, so every bounce can be attributed. */
        public Builder verpSecret(byte[] secret) {
            if (secret.length < 16) {
                throw new IllegalArgumentException("the VERP secret needs at least 16 bytes");
            }
            this.verpSecret = secret.clone();
            return this;
        }

        /** Turns on the rule that refuses obvious bulk mail (List-Unsubscribe, Precedence: bulk); off by default. */
        public Builder flagBulkMail(boolean on) {
            this.flagBulk = on;
            return this;
        }

        /**
         * Further SMTP settings (timeouts, pool size, quota, ...), applied after the preset. Host-name verification
         * stays on: {@code verifyHostname(false)} here makes {@code build()} fail.
         */
        public CloudMailinConfig build() {
            return new CloudMailinConfig(this);
        }

        /** The SMTP settings, made once the constructor has checked the rest. */
        private SmtpConfig smtpConfig() {
            if (!hostOverridden() || username == null || password == null) {
                throw new IllegalArgumentException("host, username and password are required (the account dashboard's SMTP settings)");
            }
            SmtpConfig.Builder smtp = smtpBuilder(null, TlsMode.STARTTLS_REQUIRED).credentials(username, password);
            return preset(smtp, "CloudMailin", "CloudMailin accepts SMTP Auth only after STARTTLS (seed 003)");
        }

        @Override
        protected Builder self() {
            return this;
        }
    }
}
