/**
 * The DNS health check of a sending setup ({@link dev.mailgate.deliverability.DnsHealthCheck}): SPF, the DKIM key
 * record, DMARC and alignment, MX and null MX, the CNAME a provider asks for, and DNS blocklists, each as a
 * pass/warn/fail {@link dev.mailgate.deliverability.Finding} with a one-line fix; and {@link
 * dev.mailgate.deliverability.TestEmailCheck}, which adds it to the SMTP "send a test e-mail" diagnostics.
 */
package dev.mailgate.deliverability;
