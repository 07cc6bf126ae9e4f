/**
 * Deliverability checks for a sending domain: SPF, the DKIM key record, DMARC and alignment, MX, the CloudMailin
 * CNAME and DNS blocklists, over an injectable DNS resolver.
 */
module dev.mailgate.deliverability {
    requires transitive dev.mailgate.core;
    // the test e-mail diagnostics (SmtpDiagnostics) that a DNS report completes
    requires transitive dev.mailgate.smtp;

    exports dev.mailgate.deliverability;
    exports dev.mailgate.deliverability.dns;
}
