package dev.mailgate.deliverability;

import dev.mailgate.core.address.DomainNames;
import dev.mailgate.core.dkim.DkimException;
import dev.mailgate.core.dkim.DkimSigner;
import dev.mailgate.deliverability.internal.SpfEvaluator;
import java.net.InetAddress;
import java.security.PrivateKey;
import java.util.Objects;
import java.util.Optional;

/**
 * What is checked: the From domain and, as far as known, the DKIM selector and key, the envelope (MAIL FROM) domain,
 * the sending IP and the CNAME a provider asked for. Unknown parts are skipped, and the report says so.
 */
public final class SendingSetup {
    private final String domain;
    private final String envelopeDomain;
    private final String dkimDomain;
    private final String selector;
    private final PrivateKey dkimKey;
    private final InetAddress ip;
    private final String expectedCname;

    private SendingSetup(Builder b) {
        this.domain = b.domain;
        this.envelopeDomain = b.envelopeDomain == null ? b.domain : b.envelopeDomain;
        this.dkimDomain = b.dkimDomain == null ? b.domain : b.dkimDomain;
        this.selector = b.selector;
        this.dkimKey = b.dkimKey;
        this.ip = b.ip;
        this.expectedCname = b.expectedCname;
    }

    /** @param fromDomain the domain of the From address (IDNs are converted to A-labels) */
    public static Builder forDomain(String fromDomain) {
        return new Builder(normalize("domain", fromDomain));
    }

    public String domain() {
        return domain;
    }

    /** The MAIL FROM domain SPF is checked for; the From domain unless set. */
    public String envelopeDomain() {
        return envelopeDomain;
    }

    /** The DKIM signing domain (d=); the From domain unless set. */
    public String dkimDomain() {
        return dkimDomain;
    }

    public Optional<String> selector() {
        return Optional.ofNullable(selector);
    }

    public Optional<PrivateKey> dkimKey() {
        return Optional.ofNullable(dkimKey);
    }

    public Optional<InetAddress> ip() {
        return Optional.ofNullable(ip);
    }

    public Optional<String> expectedCname() {
        return Optional.ofNullable(expectedCname);
    }

    private static String normalize(String what, String domain) {
        try {
            return DomainNames.normalize(Objects.requireNonNull(domain, what));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid " + what + ": " + e.getMessage(), e);
        }
    }

    /** The optional parts of a {@link SendingSetup}. */
    public static final class Builder {
        private final String domain;
        private String envelopeDomain;
        private String dkimDomain;
        private String selector;
        private PrivateKey dkimKey;
        private InetAddress ip;
        private String expectedCname;

        private Builder(String domain) {
            this.domain = domain;
        }

        /** The MAIL FROM domain, e.g. CloudMailin's {@code mta.example.com}. */
        public Builder envelopeDomain(String envelopeDomain) {
            this.envelopeDomain = normalize("envelope domain", envelopeDomain);
            return this;
        }

        /** The DKIM selector; the key record is looked up at {@code <selector>._domainkey.<dkim domain>}. */
        public Builder selector(String selector) {
            try {
                this.selector = DkimSigner.selector(selector);
            } catch (DkimException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            return this;
        }

        /** The signing domain (d=) when it is not the From domain. */
        public Builder dkimDomain(String dkimDomain) {
            this.dkimDomain = normalize("DKIM domain", dkimDomain);
            return this;
        }

        /** The private key the signer uses; the check then says whether the published key matches it. */
        public Builder dkimKey(PrivateKey key) {
            this.dkimKey = Objects.requireNonNull(key, "key");
            return this;
        }

        /** The sending IP (IPv4 or IPv6 literal), for SPF and the IP blocklists. */
        public Builder ip(String literal) {
            this.ip = SpfEvaluator.parseIp(Objects.requireNonNull(literal, "ip"));
            return this;
        }

        public Builder ip(InetAddress address) {
            this.ip = Objects.requireNonNull(address, "address");
            return this;
        }

        /** The CNAME target the provider asked for on the envelope domain (CloudMailin: the mta. subdomain). */
        public Builder expectCname(String target) {
            this.expectedCname = normalize("CNAME target", target);
            return this;
        }

        public SendingSetup build() {
            return new SendingSetup(this);
        }
    }
}
