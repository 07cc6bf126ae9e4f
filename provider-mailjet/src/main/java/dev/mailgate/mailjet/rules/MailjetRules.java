package dev.mailgate.mailjet.rules;

import dev.mailgate.core.mime.RenderedMessage;
import dev.mailgate.core.validation.Rule;
import dev.mailgate.core.validation.Violation;
import java.util.ArrayList;
import java.util.List;

/** Mailjet's rules, ids {@code mailjet.*}; each cites the page that states it. */
public final class MailjetRules {
    public static final String MAX_SIZE = "mailjet.max-size";
    public static final String TRACKING_HEADERS = "mailjet.tracking-headers";

    /**
     * Mailjet limits a message, attachments included, to 15 MB. Read as 15,000,000 octets, the smaller reading of
     * "MB", so a message that passes is never refused. (The figure as integrations quote Mailjet's Send API guide,
     * "the files' total size must not exceed 15MB"; the guide itself was not in the stored documentation.)
     */
    public static final int MAX_OCTETS = 15_000_000;
    /**
     * Each of these is returned in every event as one field ({@code CustomID}, {@code Payload},
     * {@code customcampaign}): a second header's value has nowhere to go, and Mailjet keeps one.
     */
    public static final List<String> SINGLE_VALUED = List.of("X-MJ-CustomID", "X-MJ-EventPayload", "X-Mailjet-Campaign");

    private static final String SIZE_DOC = "https://dev.mailjet.com/email/guides/send-api-v31/";
    private static final String HEADERS_DOC = "https://dev.mailjet.com/smtp-relay/custom-headers/";

    private MailjetRules() {
    }

    /** Every Mailjet rule; none needs configuration. */
    public static List<Rule> all() {
        return List.of(Rule.of(MAX_SIZE, MailjetRules::maxSize), Rule.of(TRACKING_HEADERS, MailjetRules::trackingHeaders));
    }

    /** The rendered size, as sent, within {@value #MAX_OCTETS} octets. ({@value #SIZE_DOC}) */
    static List<Violation> maxSize(RenderedMessage m) {
        return m.size() <= MAX_OCTETS ? List.of() : List.of(new Violation(MAX_SIZE, "message", "the message is " + m.size()
                + " octets; Mailjet accepts at most 15 MB including attachments (" + SIZE_DOC + ")"));
    }

    /** {@code X-MJ-CustomID}, {@code X-MJ-EventPayload} and {@code X-Mailjet-Campaign} at most once each. ({@value #HEADERS_DOC}) */
    static List<Violation> trackingHeaders(RenderedMessage m) {
        List<Violation> out = new ArrayList<>();
        for (String name : SINGLE_VALUED) {
            int n = m.headers(name).size();
            if (n > 1) {
                out.add(new Violation(TRACKING_HEADERS, name, n + " " + name + " headers; the Event API returns one value for it, so "
                        + "give one (" + HEADERS_DOC + ")"));
            }
        }
        return out;
    }
}
