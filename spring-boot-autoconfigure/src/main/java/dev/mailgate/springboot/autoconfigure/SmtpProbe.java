package dev.mailgate.springboot.autoconfigure;

import dev.mailgate.smtp.SmtpConfig;
import dev.mailgate.smtp.SmtpDiagnostics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether the SMTP server answers as a send needs it to: DNS, connect, greeting, EHLO, STARTTLS with the configured
 * trust, AUTH, then QUIT; no message is sent ({@link SmtpDiagnostics} without a test message). The result is kept for
 * the cache duration: a health probe every second must not open a connection every second, which a provider may
 * count against the account's connection limit.
 */
final class SmtpProbe {
    /** Hints name the Spring properties to change, not builder calls. */
    static final SmtpDiagnostics.SettingNames PROPERTY_NAMES = (setting, value) -> switch (setting) {
        case HOST -> "mailgate.smtp.host";
        case PORT -> "mailgate.smtp.port" + (value == null ? "" : "=" + value);
        case TLS_MODE -> "mailgate.smtp.tls" + (value == null ? "" : "=" + value.toLowerCase(Locale.ROOT).replace("_required", ""));
        case CREDENTIALS -> "mailgate.smtp.username and mailgate.smtp.password";
        case ALLOW_PLAINTEXT_AUTH -> "mailgate.smtp.allow-plaintext-auth=true";
        case TRUST_STORE -> "mailgate.smtp.ssl-bundle (or mailgate.smtp.trust-store)";
        case HELO_NAME -> "mailgate.smtp.helo-name=" + (value == null ? "mail.example.com" : value);
        case FROM -> "mailgate.smtp.from";
    };

    /** One check's outcome. */
    record Result(boolean up, Instant checkedAt, String report) {
    }

    private final SmtpConfig config;
    private final Duration cache;
    private final Clock clock;
    private Result last;

    SmtpProbe(SmtpConfig config, Duration cache, Clock clock) {
        this.config = config;
        this.cache = cache;
        this.clock = clock;
    }

    /** The cached result, or a new check when it is older than the cache duration. */
    synchronized Result check() {
        Instant now = clock.instant();
        if (last == null || !now.isBefore(last.checkedAt().plus(cache))) {
            SmtpDiagnostics.Report r = SmtpDiagnostics.run(config, Optional.empty(), PROPERTY_NAMES);
            last = new Result(r.success(), now, r.format().strip());
        }
        return last;
    }
}
