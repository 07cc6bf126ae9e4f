package dev.mailgate.core.event;

/** The closed set of things that can happen to a sent message, one per {@link MailEvent} case. */
public enum EventType {
    QUEUED, DELIVERED, DEFERRED, BOUNCED, BLOCKED, COMPLAINED, UNSUBSCRIBED, OPENED, CLICKED, AUTO_REPLIED, UNKNOWN
}
