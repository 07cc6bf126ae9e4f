package dev.mailgate.resend;

import dev.mailgate.smtp.SmtpConfig;
import dev.mailgate.smtp.TlsMode;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

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

    private ResendConfig(Builder b) {
        String key = Objects.requireNonNull(b.apiKey, "apiKey is required (an API key with sending access)");
        if (key.isBlank() || key.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("the Resend API key contains whitespace or a line break (copied with it?); SMTP AUTH would fail");
        }
        if (b.host.equals(DEFAULT_HOST) && !PORTS.containsKey(b.port)) {
            throw new IllegalArgumentException("smtp.resend.com listens on 25, 587, 2587 (STARTTLS) and 465, 2465 (implicit TLS); not on " + b.port);
        }
        boolean implicit = b.port == 465 || b.port == 2465;
        SmtpConfig.Builder smtp = SmtpConfig.builder(b.host).port(b.port).tlsMode(implicit ? TlsMode.IMPLICIT : TlsMode.STARTTLS_REQUIRED)
                .credentials(USERNAME, key);
        if (b.sslContext != null) {
            smtp.sslContext(b.sslContext);
        }
        b.smtpTuning.accept(smtp);
        this.smtp = smtp.buildPreset("Resend", "the API key would go in clear text, and Resend offers TLS on every port");
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

        /** The API key ({@code re_...}), used as the SMTP password. */
        public Builder apiKey(String apiKey) {
            this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
            return this;
        }

        /** {@value #DEFAULT_HOST} by default; another host (a test server) takes any port. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** 587 by default; 465 and 2465 switch to implicit TLS. */
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

        public ResendConfig build() {
            return new ResendConfig(this);
        }
    }
}
