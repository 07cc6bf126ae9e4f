package dev.mailgate.deliverability;

import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.smtp.SmtpConfig;
import dev.mailgate.smtp.SmtpDiagnostics;
import java.util.Objects;
import java.util.Optional;

/**
 * "Send a test e-mail" with the troubleshooting of the generic SMTP seed done for the user: the SMTP steps of {@link
 * SmtpDiagnostics} and the DNS health of the From domain, in one report.
 */
public final class TestEmailCheck {
    private TestEmailCheck() {
    }

    /** Both halves; the DNS half runs even when the SMTP half failed, because a broken DNS setup is often why. */
    public record Report(SmtpDiagnostics.Report smtp, HealthReport dns) {
        public Report {
            Objects.requireNonNull(smtp, "smtp");
            Objects.requireNonNull(dns, "dns");
        }

        /** Whether the SMTP steps passed and no DNS finding failed. */
        public boolean success() {
            return smtp.success() && dns.worst() != Finding.Status.FAIL;
        }

        public String format() {
            return smtp.format() + System.lineSeparator() + dns.format();
        }
    }

    public static Report run(SmtpConfig config, Optional<EmailMessage> testMessage, DnsHealthCheck check, SendingSetup setup) {
        return new Report(SmtpDiagnostics.run(config, testMessage), check.run(setup));
    }
}
