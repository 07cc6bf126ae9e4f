package dev.mailgate.episerver.rule;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.address.PublicSuffixList;
import dev.mailgate.core.mime.RenderedMessage;
import dev.mailgate.core.validation.Rule;
import dev.mailgate.core.validation.Violation;
import java.util.List;
import java.util.Optional;

/**
 * Seed: "The organizational part of the Return-Path header (envelope-from) must match the organizational part of
 * the From header." Organizational domains as DMARC defines them (RFC 7489 3.2) with the Public Suffix List
 * ({@link PublicSuffixList}): {@code bounce.news.example.co.uk} and {@code news.example.co.uk} align,
 * {@code example.com} and {@code example.net} do not.
 */
final class OrganizationalAlignmentRule implements Rule {
    private final PublicSuffixList suffixes;

    OrganizationalAlignmentRule(PublicSuffixList suffixes) {
        this.suffixes = suffixes;
    }

    @Override
    public String id() {
        return "episerver.organizational-alignment";
    }

    @Override
    public List<Violation> check(RenderedMessage message) {
        Optional<EmailAddress> from = EnvelopeFromRule.singleFrom(message);
        Optional<EmailAddress> envelope = message.envelope().mailFrom();
        if (from.isEmpty() || envelope.isEmpty()) {
            return List.of(); // reported by the From and envelope rules
        }
        String fromOrg = suffixes.organizationalDomain(from.get().normalizedDomain());
        String envelopeOrg = suffixes.organizationalDomain(envelope.get().normalizedDomain());
        if (!fromOrg.equals(envelopeOrg)) {
            return List.of(new Violation(id(), "envelope.from", "the envelope sender's organizational domain " + envelopeOrg
                    + " is not the From header's " + fromOrg + "; Episerver: \"The organizational part of the Return-Path "
                    + "header (envelope-from) must match the organizational part of the From header\""));
        }
        return List.of();
    }
}
