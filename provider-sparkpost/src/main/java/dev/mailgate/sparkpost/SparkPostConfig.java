package dev.mailgate.sparkpost;

import dev.mailgate.smtp.PresetBuilder;
import dev.mailgate.smtp.SmtpConfig;
import dev.mailgate.smtp.TlsMode;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * SparkPost's SMTP settings, as "SMTP API" gives them (https://developers.sparkpost.com/api/smtp/): host
 * {@code smtp.sparkpostmail.com} ({@code smtp.eu.sparkpostmail.com} for SparkPost EU), port 587 or 2525 (the
 * alternative where 587 is blocked), STARTTLS, AUTH LOGIN with the user {@value #USERNAME} and an API key with "Send via
 * SMTP" permission as the password. The page asks for a per-command timeout of at least 60 seconds and recommends at
 * most 100 messages per connection; the preset sets both.
 */
public final class SparkPostConfig {
    public static final int DEFAULT_PORT = 587;
    /** The documented user name, this exact string. */
    public static final String USERNAME = "SMTP_Injection";
    public static final Set<Integer> PORTS = Set.of(587, 2525);
    /** "reusing existing connections to inject up to 100 messages each". */
    public static final int MAX_MESSAGES_PER_CONNECTION = 100;
    /** "Per-command Timeout: Minimum 60 seconds". */
    public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    private final SparkPostRegion region;
    private final SmtpConfig smtp;

    private SparkPostConfig(SparkPostRegion region, SmtpConfig smtp) {
        this.region = region;
        this.smtp = smtp;
    }

    public static Builder builder() {
        return new Builder();
    }

    public SparkPostRegion region() {
        return region;
    }

    public SmtpConfig smtp() {
        return smtp;
    }

    @Override
    public String toString() {
        return "SparkPostConfig[region=" + region + ", " + smtp + "]";
    }

    /**
     * Collects the settings; only the API key is required. The host is the region's (override it for an Enterprise
     * host or a test server; any port is then accepted), the port 587 by default, 2525 where 587 is blocked.
     */
    public static final class Builder extends PresetBuilder<Builder> {
        private String apiKey;
        private SparkPostRegion region = SparkPostRegion.US;

        private Builder() {
            super(DEFAULT_PORT);
        }

        /** An API key with "Send via SMTP" permission, the SMTP password. */
        public Builder apiKey(String apiKey) {
            this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
            return this;
        }

        /** US by default; EU for SparkPost EU accounts. */
        public Builder region(SparkPostRegion region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        public SparkPostConfig build() {
            String key = Objects.requireNonNull(apiKey, "apiKey is required (an API key with \"Send via SMTP\" permission)");
            if (key.isBlank() || key.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("the SparkPost API key contains whitespace or a line break (copied with it?); SMTP AUTH would fail");
            }
            if (!hostOverridden() && !PORTS.contains(port())) {
                throw new IllegalArgumentException("SparkPost's SMTP relay listens on 587 and 2525 with STARTTLS; not on " + port());
            }
            SmtpConfig.Builder smtp = smtpBuilder(region.smtpHost(), TlsMode.STARTTLS_REQUIRED).credentials(USERNAME, key)
                    .maxMessagesPerConnection(MAX_MESSAGES_PER_CONNECTION).commandTimeout(COMMAND_TIMEOUT);
            return new SparkPostConfig(region, preset(smtp, "SparkPost", "the API key would go in clear text, and SparkPost offers STARTTLS on every port"));
        }

        @Override
        protected Builder self() {
            return this;
        }
    }
}
