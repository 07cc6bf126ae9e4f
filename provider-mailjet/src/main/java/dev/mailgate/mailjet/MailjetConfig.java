package dev.mailgate.mailjet;

import dev.mailgate.smtp.SmtpConfig;
import dev.mailgate.smtp.TlsMode;
import java.util.Objects;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

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

    private MailjetConfig(Builder b) {
        if (b.apiKey == null || b.secretKey == null) {
            throw new IllegalArgumentException("the API key and secret key are required (Account settings, API key management)");
        }
        if (b.apiKey.strip().equals(b.secretKey.strip())) {
            throw new IllegalArgumentException("the API key and the secret key are the same text; the password is the secret key");
        }
        SmtpConfig.Builder smtp = SmtpConfig.builder(b.host).port(b.port).tlsMode(b.port == 465 ? TlsMode.IMPLICIT : TlsMode.STARTTLS_REQUIRED)
                .credentials(b.apiKey.strip(), b.secretKey.strip());
        if (b.sslContext != null) {
            smtp.sslContext(b.sslContext);
        }
        b.smtpTuning.accept(smtp);
        this.smtp = smtp.buildPreset("Mailjet", "the secret key would go in clear text, and Mailjet offers STARTTLS on 587");
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

    /** Collects the settings; the API key and secret key are required. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private String apiKey;
        private String secretKey;
        private SSLContext sslContext;
        private Consumer<SmtpConfig.Builder> smtpTuning = b -> {
        };

        private Builder() {
        }

        /** Overrides {@value #DEFAULT_HOST} (a test server). */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** 587 by default (25 and 2525 work the same way); 465 switches to implicit TLS. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The API key (the SMTP user name) and the secret key (the password). */
        public Builder credentials(String apiKey, String secretKey) {
            this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
            this.secretKey = Objects.requireNonNull(secretKey, "secretKey");
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

        public MailjetConfig build() {
            return new MailjetConfig(this);
        }
    }
}
