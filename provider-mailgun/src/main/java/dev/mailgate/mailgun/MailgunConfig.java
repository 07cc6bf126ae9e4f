package dev.mailgate.mailgun;

import dev.mailgate.smtp.SmtpConfig;
import dev.mailgate.smtp.TlsMode;
import java.util.Objects;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

/**
 * Mailgun's SMTP settings ("Send via SMTP",
 * https://documentation.mailgun.com/docs/mailgun/user-manual/sending-messages/send-smtp): SMTP credentials are per
 * sending domain (user e.g. {@code postmaster@mg.example.com}, from Domain Settings → SMTP Credentials); servers
 * listen on 25, 587 and 2525 (plain, upgraded with STARTTLS) and 465 (TLS from the start). The preset is port 587
 * with STARTTLS required, the host of the domain's {@link MailgunRegion}.
 */
public final class MailgunConfig {
    public static final int DEFAULT_PORT = 587;

    private final MailgunRegion region;
    private final SmtpConfig smtp;

    private MailgunConfig(Builder b) {
        if (b.username == null || b.password == null) {
            throw new IllegalArgumentException("the domain's SMTP user and password are required (Domain Settings, SMTP Credentials)");
        }
        this.region = b.region;
        String host = b.host == null ? region.smtpHost() : b.host;
        SmtpConfig.Builder smtp = SmtpConfig.builder(host).port(b.port).tlsMode(b.port == 465 ? TlsMode.IMPLICIT : TlsMode.STARTTLS_REQUIRED)
                .credentials(b.username, b.password);
        if (b.sslContext != null) {
            smtp.sslContext(b.sslContext);
        }
        b.smtpTuning.accept(smtp);
        this.smtp = smtp.buildPreset("Mailgun", "the SMTP password would go in clear text, and Mailgun offers STARTTLS on every port");
    }

    public static Builder builder() {
        return new Builder();
    }

    public MailgunRegion region() {
        return region;
    }

    public SmtpConfig smtp() {
        return smtp;
    }

    @Override
    public String toString() {
        return "MailgunConfig[region=" + region + ", " + smtp + "]";
    }

    /** Collects the settings; the SMTP credentials are required. */
    public static final class Builder {
        private MailgunRegion region = MailgunRegion.US;
        private String host;
        private int port = DEFAULT_PORT;
        private String username;
        private String password;
        private SSLContext sslContext;
        private Consumer<SmtpConfig.Builder> smtpTuning = b -> {
        };

        private Builder() {
        }

        /** US by default; EU for domains created in the EU region. */
        public Builder region(MailgunRegion region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        /** Overrides the region's host (a test server). */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** 587 by default (25 and 2525 work the same way); 465 switches to implicit TLS. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The domain's SMTP login, e.g. {@code postmaster@mg.example.com}, and its password. */
        public Builder credentials(String username, String password) {
            this.username = Objects.requireNonNull(username, "username");
            this.password = Objects.requireNonNull(password, "password");
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

        public MailgunConfig build() {
            return new MailgunConfig(this);
        }
    }
}
