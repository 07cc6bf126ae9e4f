package dev.mailgate.brevo;

import dev.mailgate.smtp.PresetBuilder;
import dev.mailgate.smtp.SmtpConfig;
import dev.mailgate.smtp.TlsMode;
import java.util.Objects;

/**
 * Brevo's SMTP relay settings, as "SMTP relay integration" gives them
 * (https://developers.brevo.com/docs/smtp-integration): host {@code smtp-relay.brevo.com}; ports 587 and 2525 start
 * in plain text (this preset requires the STARTTLS upgrade before AUTH), 465 is TLS from the start; the user name is
 * the SMTP login shown under SMTP and API settings and the password an SMTP key. The page warns to use an SMTP key,
 * not an API key: Brevo's API keys start with {@code xkeysib-} (its SMTP keys with {@code xsmtpsib-}), so an API key
 * is refused here, before a connection fails AUTH with a less helpful reply.
 */
public final class BrevoConfig {
    public static final String DEFAULT_HOST = "smtp-relay.brevo.com";
    public static final int DEFAULT_PORT = 587;
    /** The prefix of Brevo API keys ({@code api-key: xkeysib-...} in the webhook API examples), which SMTP refuses. */
    static final String API_KEY_PREFIX = "xkeysib-";

    private final SmtpConfig smtp;

    private BrevoConfig(SmtpConfig smtp) {
        this.smtp = smtp;
    }

    public static Builder builder() {
        return new Builder();
    }

    public SmtpConfig smtp() {
        return smtp;
    }

    @Override
    public String toString() {
        return "BrevoConfig[" + smtp + "]";
    }

    /**
     * Collects the settings; the SMTP login and key are required. The port is 587 by default (2525 works the same
     * way); 465 switches to implicit TLS.
     */
    public static final class Builder extends PresetBuilder<Builder> {
        private String login;
        private String smtpKey;

        private Builder() {
            super(DEFAULT_PORT);
        }

        /** The account's SMTP login (not necessarily its e-mail address) and an SMTP key. */
        public Builder credentials(String login, String smtpKey) {
            this.login = Objects.requireNonNull(login, "login");
            this.smtpKey = Objects.requireNonNull(smtpKey, "smtpKey");
            return this;
        }

        public BrevoConfig build() {
            if (login == null || smtpKey == null) {
                throw new IllegalArgumentException("the SMTP login and an SMTP key are required (SMTP and API settings, SMTP tab)");
            }
            if (smtpKey.strip().startsWith(API_KEY_PREFIX)) {
                throw new IllegalArgumentException("this is a Brevo API key (xkeysib-...); the SMTP relay takes an SMTP key, generated "
                        + "under SMTP and API settings, SMTP tab (https://developers.brevo.com/docs/smtp-integration)");
            }
            SmtpConfig.Builder smtp = smtpBuilder(DEFAULT_HOST, port() == 465 ? TlsMode.IMPLICIT : TlsMode.STARTTLS_REQUIRED)
                    .credentials(login, smtpKey.strip());
            return new BrevoConfig(preset(smtp, "Brevo", "the SMTP key would go in clear text, and Brevo's relay offers STARTTLS on 587 and 2525"));
        }

        @Override
        protected Builder self() {
            return this;
        }
    }
}
