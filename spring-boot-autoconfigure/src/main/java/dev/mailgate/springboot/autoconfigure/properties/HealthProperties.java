package dev.mailgate.springboot.autoconfigure.properties;

/**
 * {@code mailgate.health.*}: the health indicator. The SMTP check opens a connection (EHLO, STARTTLS, AUTH, QUIT:
 * nothing is sent), so its result is kept for smtp-cache; a probe every second does not open a connection each time.
 */
public class HealthProperties {
    /** Contribute the mailgate health indicator when Actuator is present. */
    private boolean enabled = true;
    /** How long an SMTP check's result is reused. */
    private java.time.Duration smtpCache = java.time.Duration.ofSeconds(60);
    /** Callback events waiting beyond this count mean the outbox is stuck (DOWN). */
    private int outboxMaxPending = 10_000;
    /** A bounce poller without a finished pass for this long is reported DOWN. */
    private java.time.Duration pollerMaxSilence = java.time.Duration.ofMinutes(30);

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public java.time.Duration getSmtpCache() {
        return smtpCache;
    }

    public void setSmtpCache(java.time.Duration smtpCache) {
        this.smtpCache = smtpCache;
    }

    public int getOutboxMaxPending() {
        return outboxMaxPending;
    }

    public void setOutboxMaxPending(int outboxMaxPending) {
        this.outboxMaxPending = outboxMaxPending;
    }

    public java.time.Duration getPollerMaxSilence() {
        return pollerMaxSilence;
    }

    public void setPollerMaxSilence(java.time.Duration pollerMaxSilence) {
        this.pollerMaxSilence = pollerMaxSilence;
    }
}
