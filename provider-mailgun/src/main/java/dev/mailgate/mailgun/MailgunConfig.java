package dev.mailgate.mailgun;

import dev.mailgate.smtp.PresetBuilder;
import dev.mailgate.smtp.SmtpConfig;
import dev.mailgate.smtp.TlsMode;
import java.util.Objects;

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

    private MailgunConfig(MailgunRegion region, SmtpConfig smtp) {
        this.region = region;
        this.smtp = smtp;
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

    /**
     * Collects the settings; the SMTP credentials are required. The host is the region's (override it for a test
     * server), the port 587 by default (25 and 2525 work the same way); 465 switches to implicit TLS.
     */
    public static final class Builder extends PresetBuilder<Builder> {
        private MailgunRegion region = MailgunRegion.US;
        private String username;
        private String password;

        private Builder() {
            super(DEFAULT_PORT);
        }

        /** US by default; EU for domains created in the EU region. */
        public Builder region(MailgunRegion region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        /** The domain's SMTP login, e.g. {@code postmaster@mg.example.com}, and its password. */
        public Builder credentials(String username, String password) {
            this.username = Objects.requireNonNull(username, "username");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        public MailgunConfig build() {
            if (username == null || password == null) {
                throw new IllegalArgumentException("the domain's SMTP user and password are required (Domain Settings, SMTP Credentials)");
            }
            SmtpConfig.Builder smtp = smtpBuilder(region.smtpHost(), port() == 465 ? TlsMode.IMPLICIT : TlsMode.STARTTLS_REQUIRED)
                    .credentials(username, password);
            return new MailgunConfig(region, preset(smtp, "Mailgun", "the SMTP password would go in clear text, and Mailgun offers STARTTLS on every port"));
        }

        @Override
        protected Builder self() {
            return this;
        }
    }
}
