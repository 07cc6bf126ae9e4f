package dev.mailgate.mailjet;

import dev.mailgate.smtp.PresetBuilder;
import dev.mailgate.smtp.SmtpConfig;
import dev.mailgate.smtp.TlsMode;
import java.util.Objects;

/**
 * Mailjet's SMTP relay settings (SMTP Relay, https://dev.mailjet.com/smtp-relay/overview/): host
 * {@code in-v3.mailjet.com}; the user name is the account's (or sub-account's) API key and the password its secret
 * key; port 587 (also 25 and 2525) takes STARTTLS, 465 is TLS from the start. The preset requires TLS before AUTH on
 * every port: Mailjet calls TLS optional, but without it the secret key would cross the network in clear.
 *
 * <p>Where checked: the host, the key/secret pair and 587/465 appear in Mailjet's SDK (the Ruby gem's mailer:
 * {@code in-v3.mailjet.com}, 587, PLAIN, STARTTLS) and Google Cloud's Mailjet tutorial (port 2525, TLS enforced). The
 * SMTP Relay page itself was not in the stored documentation; see the provider notes.
 */
public final class MailjetConfig {
    public static final String DEFAULT_HOST = "in-v3.mailjet.com";
    public static final int DEFAULT_PORT = 587;

    private final SmtpConfig smtp;

    private MailjetConfig(SmtpConfig smtp) {
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
        return "MailjetConfig[" + smtp + "]";
    }

    /**
     * Collects the settings; the API key and secret key are required. The host is {@value #DEFAULT_HOST}, the port 587
     * by default (25 and 2525 work the same way); 465 switches to implicit TLS.
     */
    public static final class Builder extends PresetBuilder<Builder> {
        private String apiKey;
        private String secretKey;

        private Builder() {
            super(DEFAULT_PORT);
        }

        /** The API key (the SMTP user name) and the secret key (the password). */
        public Builder credentials(String apiKey, String secretKey) {
            this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
            this.secretKey = Objects.requireNonNull(secretKey, "secretKey");
            return this;
        }

        public MailjetConfig build() {
            if (apiKey == null || secretKey == null) {
                throw new IllegalArgumentException("the API key and secret key are required (Account settings, API key management)");
            }
            if (apiKey.strip().equals(secretKey.strip())) {
                throw new IllegalArgumentException("the API key and the secret key are the same text; the password is the secret key");
            }
            SmtpConfig.Builder smtp = smtpBuilder(DEFAULT_HOST, port() == 465 ? TlsMode.IMPLICIT : TlsMode.STARTTLS_REQUIRED)
                    .credentials(apiKey.strip(), secretKey.strip());
            return new MailjetConfig(preset(smtp, "Mailjet", "the secret key would go in clear text, and Mailjet offers STARTTLS on 587"));
        }

        @Override
        protected Builder self() {
            return this;
        }
    }
}
