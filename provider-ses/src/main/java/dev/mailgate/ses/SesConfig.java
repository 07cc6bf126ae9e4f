package dev.mailgate.ses;

import dev.mailgate.ses.rules.SesRules;
import dev.mailgate.smtp.PresetBuilder;
import dev.mailgate.smtp.SmtpConfig;
import dev.mailgate.smtp.TlsMode;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Amazon SES's SMTP settings. The endpoint is {@code email-smtp.<region>.amazonaws.com}; ports 25, 587 and 2587 take
 * STARTTLS, 465 and 2465 TLS from the start ("Connecting to an Amazon SES SMTP endpoint",
 * https://docs.aws.amazon.com/ses/latest/dg/smtp-connect.html). The user name and password are SES SMTP credentials,
 * which "are unique to each AWS Region" and are not the AWS access key ("Using the Amazon SES SMTP interface",
 * https://docs.aws.amazon.com/ses/latest/dg/send-email-smtp.html). A default configuration set, if given, is put in
 * {@code X-SES-CONFIGURATION-SET} of messages that name none, so their events are published.
 */
public final class SesConfig {
    public static final int DEFAULT_PORT = 587;
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");

    private final String region;
    private final String configurationSet;
    private final SmtpConfig smtp;

    private SesConfig(Builder b, SmtpConfig smtp) {
        this.region = b.region;
        this.configurationSet = b.configurationSet;
        this.smtp = smtp;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String region() {
        return region;
    }

    /** The configuration set put on messages that name none. */
    public Optional<String> configurationSet() {
        return Optional.ofNullable(configurationSet);
    }

    public SmtpConfig smtp() {
        return smtp;
    }

    @Override
    public String toString() {
        return "SesConfig[region=" + region + ", configurationSet=" + configurationSet + ", " + smtp + "]";
    }

    /**
     * Collects the settings; region and SMTP credentials are required. The host is the region's endpoint (override it
     * for a VPC endpoint or a test server), the port 587 by default; 465 and 2465 switch to implicit TLS.
     */
    public static final class Builder extends PresetBuilder<Builder> {
        private String region;
        private String username;
        private String password;
        private String configurationSet;

        private Builder() {
            super(DEFAULT_PORT);
        }

        /** The AWS region, e.g. {@code eu-west-1}: it picks the endpoint, and the credentials must be that region's. */
        public Builder region(String region) {
            this.region = Objects.requireNonNull(region, "region").strip();
            return this;
        }

        /** The SES SMTP credentials of the region. */
        public Builder credentials(String username, String password) {
            this.username = Objects.requireNonNull(username, "username");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /** The configuration set for messages without {@code X-SES-CONFIGURATION-SET}. */
        public Builder configurationSet(String name) {
            this.configurationSet = Objects.requireNonNull(name, "name");
            return this;
        }

        public SesConfig build() {
            Objects.requireNonNull(region, "region is required, e.g. eu-west-1 (SMTP credentials are per region)");
            if (!REGION.matcher(region).matches()) {
                throw new IllegalArgumentException("not an AWS region name: " + region + " (e.g. us-east-1, eu-west-1)");
            }
            if (username == null || password == null) {
                throw new IllegalArgumentException("the region's SES SMTP user name and password are required (not the AWS access key)");
            }
            if (configurationSet != null && !SesRules.isConfigurationSetName(configurationSet)) {
                throw new IllegalArgumentException("not a configuration set name: " + configurationSet);
            }
            boolean implicit = port() == 465 || port() == 2465;
            SmtpConfig.Builder smtp = smtpBuilder("email-smtp." + region + ".amazonaws.com", implicit ? TlsMode.IMPLICIT : TlsMode.STARTTLS_REQUIRED)
                    .credentials(username, password);
            return new SesConfig(this, preset(smtp, "Amazon SES", "Amazon SES requires TLS before AUTH"));
        }

        @Override
        protected Builder self() {
            return this;
        }
    }
}
