package dev.mailgate.ses;

import dev.mailgate.ses.rules.SesRules;
import dev.mailgate.smtp.SmtpConfig;
import dev.mailgate.smtp.TlsMode;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

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

    private SesConfig(Builder b) {
        this.region = Objects.requireNonNull(b.region, "region is required, e.g. eu-west-1 (SMTP credentials are per region)");
        if (!REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("not an AWS region name: " + region + " (e.g. us-east-1, eu-west-1)");
        }
        if (b.username == null || b.password == null) {
            throw new IllegalArgumentException("the region's SES SMTP user name and password are required (not the AWS access key)");
        }
        if (b.configurationSet != null && !SesRules.isConfigurationSetName(b.configurationSet)) {
            throw new IllegalArgumentException("not a configuration set name: " + b.configurationSet);
        }
        this.configurationSet = b.configurationSet;
        String host = b.host == null ? "email-smtp." + region + ".amazonaws.com" : b.host;
        boolean implicit = b.port == 465 || b.port == 2465;
        SmtpConfig.Builder smtp = SmtpConfig.builder(host).port(b.port).tlsMode(implicit ? TlsMode.IMPLICIT : TlsMode.STARTTLS_REQUIRED)
                .credentials(b.username, b.password);
        if (b.sslContext != null) {
            smtp.sslContext(b.sslContext);
        }
        b.smtpTuning.accept(smtp);
        this.smtp = smtp.buildPreset("Amazon SES", "Amazon SES requires TLS before AUTH");
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

    /** Collects the settings; region and SMTP credentials are required. */
    public static final class Builder {
        private String region;
        private String host;
        private int port = DEFAULT_PORT;
        private String username;
        private String password;
        private String configurationSet;
        private SSLContext sslContext;
        private Consumer<SmtpConfig.Builder> smtpTuning = b -> {
        };

        private Builder() {
        }

        /** The AWS region, e.g. {@code eu-west-1}: it picks the endpoint, and the credentials must be that region's. */
        public Builder region(String region) {
            this.region = Objects.requireNonNull(region, "region").strip();
            return this;
        }

        /** Overrides the region's host (a VPC endpoint, a test server). */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        public Builder port(int port) {
            this.port = port;
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

        public Builder sslContext(SSLContext context) {
            this.sslContext = Objects.requireNonNull(context, "context");
            return this;
        }

        /** Further SMTP settings (timeouts, pool size, quota, ...), applied after the preset. */
        public Builder smtp(Consumer<SmtpConfig.Builder> tuning) {
            this.smtpTuning = Objects.requireNonNull(tuning, "tuning");
            return this;
        }

        public SesConfig build() {
            return new SesConfig(this);
        }
    }
}
