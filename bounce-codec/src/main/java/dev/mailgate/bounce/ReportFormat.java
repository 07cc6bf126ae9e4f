package dev.mailgate.bounce;

/** How a message was recognized, which decides which of its parts were read. */
public enum ReportFormat {
    /** RFC 3464 {@code multipart/report; report-type=delivery-status} (or its fields in a plain body). */
    DELIVERY_STATUS,
    /** RFC 5965 {@code multipart/report; report-type=feedback-report}: a complaint. */
    FEEDBACK_REPORT,
    /** A bounce in an MTA's own words (qmail, Exim, Gmail, ...): recipient and reply found in the text. */
    PLAIN_TEXT,
    /** A provider's machine-readable notification mailed as JSON (Amazon SES through SNS). */
    PROVIDER_JSON,
    /** An RFC 3834 automatic reply such as a vacation notice. */
    AUTO_REPLY,
    /** Nothing a bounce classifier can use: not a bounce, or too broken to read. */
    NOT_RECOGNIZED
}
