/**
 * {@link dev.mailgate.core.limits.InputLimits}: the bounds every parser of untrusted input (webhook bodies, JSON
 * payloads, bounce mails, SMTP replies) is built with, in one place with documented defaults.
 */
package dev.mailgate.core.limits;
