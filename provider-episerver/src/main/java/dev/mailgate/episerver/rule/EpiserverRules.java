package dev.mailgate.episerver.rule;

import dev.mailgate.core.address.PublicSuffixList;
import dev.mailgate.core.validation.Rule;
import java.util.List;
import java.util.Set;

/**
 * The rule specifications of the Episerver Campaign SMTP API (seed 002), one {@link Rule} per rule, with ids
 * {@code episerver.*}. Episerver aborts the whole dispatch when one is broken, so they are all checked before a
 * byte is sent and every broken one is reported.
 */
public final class EpiserverRules {
    private EpiserverRules() {
    }

    /**
     * @param sendingDomain the configured sending domain, lower-case ASCII
     * @param mailingCodes the valid X-bm-mailing codes; empty accepts any well-formed code
     */
    public static List<Rule> of(String sendingDomain, Set<String> mailingCodes) {
        return of(sendingDomain, mailingCodes, PublicSuffixList.standard());
    }

    public static List<Rule> of(String sendingDomain, Set<String> mailingCodes, PublicSuffixList suffixes) {
        return List.of(new MaxSizeRule(), new MessageIdRule(), new SingleToRule(), new FromSendingDomainRule(sendingDomain),
                new NoCcBccRule(), new SubjectRule(), new SingleReplyToRule(), new MailingCodeRule(Set.copyOf(mailingCodes)),
                new EnvelopeFromRule(), new OrganizationalAlignmentRule(suffixes), new NoReturnPathRule());
    }

    /** The ids, in the order of the seed's list. */
    public static List<String> ids() {
        return of("example.com", Set.of()).stream().map(Rule::id).toList();
    }
}
