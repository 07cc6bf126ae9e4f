package dev.mailgate.episerver;

import dev.mailgate.core.address.DomainNames;
import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.smtp.PresetBuilder;
import dev.mailgate.smtp.SmtpConfig;
import dev.mailgate.smtp.TlsMode;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The Episerver Campaign SMTP API settings (seed 002): the server Episerver support names (default
 * {@code smtpapi.campaign.episerver.net}, port 25, TLS required with certificate verification), the SMTP
 * authentication, the <b>sending domain</b> delegated to Episerver, the <b>bounce forwarding address</b> ("mandatory
 * and may not be part of the sending domain"), and optionally the email header codes ({@code X-bm-mailing}) valid
 * for this client.
 */
public final class EpiserverConfig {
    public static final String DEFAULT_HOST = "smtpapi.campaign.episerver.net";
    public static final int DEFAULT_PORT = 25;
    /** The syntax we accept for an {@code X-bm-mailing} code; the seed gives no grammar, so: a plain token. */
    static final Pattern MAILING_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private final String sendingDomain;
    private final EmailAddress bounceForwardingAddress;
    private final Set<String> mailingCodes;
    private final SmtpConfig smtp;

    private EpiserverConfig(Builder b) {
        this.sendingDomain = domain(Objects.requireNonNull(b.sendingDomain, "sendingDomain is required"));
        this.bounceForwardingAddress = Objects.requireNonNull(b.bounceForwardingAddress,
                "bounceForwardingAddress is required: Episerver forwards returned mail there (seed 002)");
        String bounceHost = bounceForwardingAddress.normalizedDomain();
        if (bounceHost.equals(sendingDomain) || bounceHost.endsWith("." + sendingDomain)) {
            throw new IllegalArgumentException("the bounce forwarding address " + bounceForwardingAddress.address()
                    + " is inside the sending domain " + sendingDomain
                    + "; Episerver requires it not to be (the sending domain is delegated to Episerver)");
        }
        for (String code : b.mailingCodes) {
            if (!MAILING_CODE.matcher(code).matches()) {
                throw new IllegalArgumentException("mailing code \"" + code + "\" is not a valid X-bm-mailing code "
                        + "(1-64 of letters, digits, '_', '.', '-', starting with a letter or digit)");
            }
        }
        this.mailingCodes = Set.copyOf(b.mailingCodes);
        this.smtp = b.smtpConfig();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The sending domain in lower-case ASCII (IDNs in punycode). */
    public String sendingDomain() {
        return sendingDomain;
    }

    public EmailAddress bounceForwardingAddress() {
        return bounceForwardingAddress;
    }

    /** The valid {@code X-bm-mailing} codes; empty means any well-formed code is accepted. */
    public Set<String> mailingCodes() {
        return mailingCodes;
    }

    /** The SMTP settings this preset resolves to. */
    public SmtpConfig smtp() {
        return smtp;
    }

    /** Lower-case ASCII form of a domain; a blank or malformed one is refused. */
    static String domain(String domain) {
        return DomainNames.normalize(domain);
    }

    @Override
    public String toString() {
        return "EpiserverConfig[sendingDomain=" + sendingDomain + ", bounceForwardingAddress=" + bounceForwardingAddress.address()
                + ", mailingCodes=" + new TreeSet<>(mailingCodes) + ", smtp=" + smtp + "]";
    }

    /**
     * Collects the settings; sending domain, bounce forwarding address and credentials are required. The host is
     * {@value #DEFAULT_HOST}, the port 25 by default, always with STARTTLS (seed 002).
     */
    public static final class Builder extends PresetBuilder<Builder> {
        private String username;
        private String password;
        private String sendingDomain;
        private EmailAddress bounceForwardingAddress;
        private final Set<String> mailingCodes = new TreeSet<>();

        private Builder() {
            super(DEFAULT_PORT);
        }

        public Builder credentials(String username, String password) {
            this.username = Objects.requireNonNull(username, "username");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * Trust material: the seed asks that the Thawte CA be trusted; the JDK's default trust store usually is
         * enough, a custom one (a corporate proxy CA) goes here. Certificates and host names are always verified.
         */
        /** The domain of the From addresses, e.g. {@code news.example.com} for {@code newsletter@news.example.com}. */
        public Builder sendingDomain(String domain) {
            this.sendingDomain = Objects.requireNonNull(domain, "domain");
            return this;
        }

        public Builder bounceForwardingAddress(EmailAddress address) {
            this.bounceForwardingAddress = Objects.requireNonNull(address, "address");
            return this;
        }

        public Builder bounceForwardingAddress(String address) {
            return bounceForwardingAddress(EmailAddress.parse(address));
        }

        /** The email header codes Episerver gave for addressing mailings; when set, others are refused. */
        public Builder mailingCodes(java.util.Collection<String> codes) {
            codes.forEach(c -> mailingCodes.add(Objects.requireNonNull(c, "code").strip()));
            return this;
        }

        /**
         * Further SMTP settings (timeouts, pool size, quota, ...), applied after the preset. Host-name verification
         * stays on: {@code verifyHostname(false)} here makes {@code build()} fail.
         */
        public EpiserverConfig build() {
            return new EpiserverConfig(this);
        }

        /** The SMTP settings, made once the constructor has checked the rest. */
        private SmtpConfig smtpConfig() {
            if (username == null || password == null) {
                throw new IllegalArgumentException("credentials are required: Episerver support provides the SMTP authentication");
            }
            SmtpConfig.Builder smtp = smtpBuilder(DEFAULT_HOST, TlsMode.STARTTLS_REQUIRED).credentials(username, password);
            return preset(smtp, "Episerver", "Episerver requires TLS so that the SMTP authentication is encrypted (seed 002)");
        }

        @Override
        protected Builder self() {
            return this;
        }
    }
}
