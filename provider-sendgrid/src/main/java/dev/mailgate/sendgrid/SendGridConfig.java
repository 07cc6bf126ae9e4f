package dev.mailgate.sendgrid;

import dev.mailgate.smtp.SmtpConfig;
import dev.mailgate.smtp.TlsMode;
import java.util.Objects;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

/**
 * SendGrid's SMTP settings, as "Integrating with the SMTP API" gives them
 * (https://www.twilio.com/docs/sendgrid/for-developers/sending-email/integrating-with-the-smtp-api): host
 * {@code smtp.sendgrid.net}, port 587 with TLS (STARTTLS; 25 and 2525 work the same way, 465 is implicit TLS), user
 * name the literal string {@code apikey} and the API key as the password. The same page limits a connection to 5,000
 * messages, which the preset sets as the pool's messages per connection.
 */
public final class SendGridConfig {
    public static final String DEFAULT_HOST = "smtp.sendgrid.net";
    public static final int DEFAULT_PORT = 587;
    /** Not the key: the documented user name is this exact string. */
    public static final String USERNAME = "apikey";
    /** "You may send up to 5k messages per SMTP connection." */
    public static final int MAX_MESSAGES_PER_CONNECTION = 5000;

    private final SmtpConfig smtp;

    private SendGridConfig(Builder b) {
        String key = Objects.requireNonNull(b.apiKey, "apiKey is required (an API key with at least Mail Send permission)");
        if (key.isBlank() || key.chars().anyMatch(Character::isWhitespace)) {
            // The integration page warns that a newline copied with the key makes AUTH fail; say so before connecting.
            throw new IllegalArgumentException("the SendGrid API key contains whitespace or a line break (copied from a wrapped "
                    + "terminal?); SMTP AUTH would fail");
        }
        SmtpConfig.Builder smtp = SmtpConfig.builder(b.host).port(b.port).tlsMode(b.port == 465 ? TlsMode.IMPLICIT : TlsMode.STARTTLS_REQUIRED)
                .credentials(USERNAME, key).maxMessagesPerConnection(MAX_MESSAGES_PER_CONNECTION);
        if (b.sslContext != null) {
            smtp.sslContext(b.sslContext);
        }
        b.smtpTuning.accept(smtp);
        this.smtp = smtp.buildPreset("SendGrid", "the API key would go in clear text, and SendGrid offers TLS on every port");
    }

    public static Builder builder() {
        return new Builder();
    }

    public SmtpConfig smtp() {
        return smtp;
    }

    @Override
    public String toString() {
        return "SendGridConfig[" + smtp + "]";
    }

    /** Collects the settings; only the API key is required. */
    public static final class Builder {
        private String apiKey;
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private SSLContext sslContext;
        private Consumer<SmtpConfig.Builder> smtpTuning = b -> {
        };

        private Builder() {
        }

        /** The API key, used as the SMTP password. */
        public Builder apiKey(String apiKey) {
            this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
            return this;
        }

        /** {@value #DEFAULT_HOST} by default; SendGrid asks not to point at its IP addresses, which change. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** 587 by default; 465 switches to implicit TLS. */
        public Builder port(int port) {
            this.port = port;
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

        public SendGridConfig build() {
            return new SendGridConfig(this);
        }
    }
}
