package dev.mailgate.sendgrid;

import dev.mailgate.smtp.PresetBuilder;
import dev.mailgate.smtp.SmtpConfig;
import dev.mailgate.smtp.TlsMode;
import java.util.Objects;

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

    private SendGridConfig(SmtpConfig smtp) {
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
        return "SendGridConfig[" + smtp + "]";
    }

    /**
     * Collects the settings; only the API key is required. The host is {@value #DEFAULT_HOST} (SendGrid asks not to
     * point at its IP addresses, which change), the port 587 by default; 465 switches to implicit TLS.
     */
    public static final class Builder extends PresetBuilder<Builder> {
        private String apiKey;

        private Builder() {
            super(DEFAULT_PORT);
        }

        /** The API key, used as the SMTP password. */
        public Builder apiKey(String apiKey) {
            this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
            return this;
        }

        public SendGridConfig build() {
            String key = Objects.requireNonNull(apiKey, "apiKey is required (an API key with at least Mail Send permission)");
            if (key.isBlank() || key.chars().anyMatch(Character::isWhitespace)) {
                // The integration page warns that a newline copied with the key makes AUTH fail; say so before connecting.
                throw new IllegalArgumentException("the SendGrid API key contains whitespace or a line break (copied from a wrapped "
                        + "terminal?); SMTP AUTH would fail");
            }
            SmtpConfig.Builder smtp = smtpBuilder(DEFAULT_HOST, port() == 465 ? TlsMode.IMPLICIT : TlsMode.STARTTLS_REQUIRED)
                    .credentials(USERNAME, key).maxMessagesPerConnection(MAX_MESSAGES_PER_CONNECTION);
            return new SendGridConfig(preset(smtp, "SendGrid", "the API key would go in clear text, and SendGrid offers TLS on every port"));
        }

        @Override
        protected Builder self() {
            return this;
        }
    }
}
