package dev.mailgate.cli.smtp;

import dev.mailgate.smtp.SmtpDiagnostics.Setting;
import dev.mailgate.smtp.SmtpDiagnostics.SettingNames;
import dev.mailgate.smtp.TlsMode;

/**
 * The options of {@code mailgate smtp test} by which {@link dev.mailgate.smtp.SmtpDiagnostics}' hints name the
 * settings to change: on the command line a hint must say {@code --tls implicit}, not a builder method.
 */
final class SmtpOptionNames implements SettingNames {
    static final SmtpOptionNames INSTANCE = new SmtpOptionNames();

    private SmtpOptionNames() {
    }

    @Override
    public String name(Setting setting, String value) {
        return switch (setting) {
            case HOST -> "--host";
            case PORT -> value == null ? "--port" : "--port " + value;
            case TLS_MODE -> "--tls " + (value == null ? "starttls|implicit|none" : tlsOption(TlsMode.valueOf(value)));
            case CREDENTIALS -> "--user and --password-env";
            case ALLOW_PLAINTEXT_AUTH -> "--allow-plaintext-auth";
            case TRUST_STORE -> "--trust-store FILE";
            case HELO_NAME -> "--helo-name " + (value == null ? "NAME" : value);
            case FROM -> "--from";
        };
    }

    /** The --tls value that selects a mode, the inverse of {@link TlsMode#parse}. */
    static String tlsOption(TlsMode mode) {
        return switch (mode) {
            case STARTTLS_REQUIRED -> "starttls";
            case IMPLICIT -> "implicit";
            case NONE -> "none";
        };
    }
}
