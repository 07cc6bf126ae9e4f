package dev.mailgate.springboot.autoconfigure.properties;

/**
 * {@code mailgate.callback.*}: the callback publisher, which POSTs every event the application receives (webhooks,
 * bounces, unsubscribes) to a URL through a durable outbox in the suppression store.
 */
public class CallbackProperties {
    /** The callback URL; the publisher runs only when it is set. */
    private java.net.URI url;
    /** The format of the payloads: a codec format id that can encode (generic-smtp-callback by default). */
    private String format = "generic-smtp-callback";
    /** Headers sent with each POST (an API token). */
    private java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
    /** The most events in one POST. */
    private Integer maxEvents;
    /** The longest an event waits in the outbox before a POST. */
    private java.time.Duration maxDelay;
    /** The wait for the endpoint's answer. */
    private java.time.Duration timeout;

    public java.net.URI getUrl() {
        return url;
    }

    public void setUrl(java.net.URI url) {
        this.url = url;
    }

    public String getFormat() {
        return format;
    }

    public void setFormat(String format) {
        this.format = format;
    }

    public java.util.Map<String, String> getHeaders() {
        return headers;
    }

    public void setHeaders(java.util.Map<String, String> headers) {
        this.headers = headers;
    }

    public Integer getMaxEvents() {
        return maxEvents;
    }

    public void setMaxEvents(Integer maxEvents) {
        this.maxEvents = maxEvents;
    }

    public java.time.Duration getMaxDelay() {
        return maxDelay;
    }

    public void setMaxDelay(java.time.Duration maxDelay) {
        this.maxDelay = maxDelay;
    }

    public java.time.Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(java.time.Duration timeout) {
        this.timeout = timeout;
    }
}
