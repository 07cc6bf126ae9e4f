package dev.mailgate.core.suppression;

/**
 * The two lists an address can be on. They are kept apart (the CRM seed: an unreachable address goes to the
 * suppressed list, "not to the unsubscribe list"), because they have different owners: suppression is the
 * sender's decision about deliverability, unsubscription is the recipient's request.
 */
public enum SuppressionList {
    SUPPRESSED, UNSUBSCRIBED
}
