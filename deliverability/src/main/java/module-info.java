/**
 * Deliverability checks for a sending domain: SPF, the DKIM key record, DMARC and alignment, MX, the CloudMailin
 * CNAME and DNS blocklists, over an injectable DNS resolver.
 */
module dev.mailgate.deliverability {
    requires transitive dev.mailgate.core;
    // transitive: TestEmailCheck takes an SmtpConfig and returns SmtpDiagnostics.Report, the SMTP half of its report
    requires transitive dev.mailgate.smtp;

    exports dev.mailgate.deliverability;
    exports dev.mailgate.deliverability.dns;
}
