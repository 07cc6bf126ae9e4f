package dev.mailgate.suppression;

/**
 * Which unsubscribes keep an address out of a campaign's mailing: the CRM seed's "Address exclusion policy".
 * Suppressed addresses (hard bounces, complaints, the unreachable) are left out under either policy; the policy is
 * only about the unsubscribe list.
 */
public enum ExclusionPolicy {
    /**
     * "Campaigns: it excludes only the unsubscribed people of that campaign" — those who unsubscribed from this
     * campaign, and those whose unsubscribe was global (they left every campaign). The default.
     */
    CAMPAIGN,
    /** "Global: it excludes all unsubscribed people of the crm" — an unsubscribe from any campaign excludes from all. */
    GLOBAL
}
