package dev.mailgate.resend;

import dev.mailgate.smtp.PresetBuilder;
import dev.mailgate.smtp.SmtpConfig;
import dev.mailgate.smtp.TlsMode;
import java.util.Map;
import java.util.Objects;

/**
 * Resend's SMTP settings, as "Send emails with SMTP" gives them (https://resend.com/docs/send-with-smtp): host
 * {@code smtp.resend.com}, user name the literal string {@value #USERNAME}, the API key as the password; ports 465 and
 * 2465 take TLS from the start (SMTPS), 25, 587 and 2587 upgrade with STARTTLS. The preset's default is 587 with
 * STARTTLS required, like the other presets; Resend itself suggests 465, which {@link Builder#port} switches to
 * implicit TLS.
 */
public final class ResendConfig {
    public static final String DEFAULT_HOST = "smtp.resend.com";
    public static final int DEFAULT_PORT = 587;
    /** Not a placeholder: the documented user name is this exact string. */
    public static final String USERNAME = "resend";
    /** The documented ports and whether each is implicit TLS. */
    public static final Map<Integer, Boolean> PORTS = Map.of(25, false, 587, false, 2587, false, 465, true, 2465, true);

    private final SmtpConfig smtp;

    private ResendConfig(SmtpConfig smtp) {
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
        return "ResendConfig[" + smtp + "]";
    }

    /**
     * Collects the settings; only the API key is required. The host is {@value #DEFAULT_HOST} (another host, a test
     * server, takes any port), the port 587 by default; 465 and 2465 switch to implicit TLS.
     */
    public static final class Builder extends PresetBuilder<Builder> {
        private String apiKey;

        private Builder() {
            super(DEFAULT_PORT);
        }

        /** The API key ({@code re_...}), used as the SMTP password. */
        public Builder apiKey(String apiKey) {
            this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
            return this;
        }

        public ResendConfig build() {
            String key = Objects.requireNonNull(apiKey, "apiKey is required (an API key with sending access)");
            if (key.isBlank() || key.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("the Resend API key contains whitespace or a line break (copied with it?); SMTP AUTH would fail");
            }
            if (hostOr(DEFAULT_HOST).equals(DEFAULT_HOST) && !PORTS.containsKey(port())) {
                throw new IllegalArgumentException("smtp.resend.com listens on 25, 587, 2587 (STARTTLS) and 465, 2465 (implicit TLS); not on " + port());
            }
            boolean implicit = port() == 465 || port() == 2465;
            SmtpConfig.Builder smtp = smtpBuilder(DEFAULT_HOST, implicit ? TlsMode.IMPLICIT : TlsMode.STARTTLS_REQUIRED).credentials(USERNAME, key);
            return new ResendConfig(preset(smtp, "Resend", "the API key would go in clear text, and Resend offers TLS on every port"));
        }

        @Override
        protected Builder self() {
            return this;
        }
    }
}
