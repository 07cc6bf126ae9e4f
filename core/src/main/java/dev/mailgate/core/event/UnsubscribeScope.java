package dev.mailgate.core.event;

/** The reach of an unsubscribe: the seeds' "address exclusion policy" of Campaign vs Global. */
public enum UnsubscribeScope {
    /** Only the campaign (mailing, list) the request came from. */
    CAMPAIGN,
    /** Every campaign. */
    GLOBAL
}
