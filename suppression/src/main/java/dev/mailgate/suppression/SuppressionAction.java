package dev.mailgate.suppression;

/** What a policy rule does when its threshold is reached. */
public enum SuppressionAction {
    /** Count only (the generic SMTP integration: soft bounces are "counted in reports only"). */
    NONE,
    /** Put the address on the suppressed list (the sender's deliverability decision). */
    SUPPRESS,
    /** Put the address on the unsubscribe list, globally (the generic SMTP integration's hard-bounce behaviour). */
    UNSUBSCRIBE
}
