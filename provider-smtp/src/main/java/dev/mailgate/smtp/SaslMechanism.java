package dev.mailgate.smtp;

import dev.mailgate.core.transport.AuthenticationException;
import dev.mailgate.core.transport.SmtpReply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/**
 * One SASL mechanism of SMTP AUTH (RFC 4954): the exchange from the AUTH command to the server's last reply. The
 * session judges that reply (235, a transient 4xx, or a refusal), so a mechanism only speaks its own protocol.
 */
interface SaslMechanism {
    /** The name as the EHLO AUTH line and the AUTH command spell it. */
    String name();

    /** Runs the exchange; returns the server's reply to the last line sent. */
    SmtpReply exchange(Server server) throws IOException;

    /** The session's side of the exchange: one line out, one reply back. */
    @FunctionalInterface
    interface Server {
        SmtpReply command(String line) throws IOException;
    }

    /**
     * The mechanism for the configured credentials among those the server offers: XOAUTH2 for an OAuth 2.0 token;
     * for a password PLAIN (one round trip) before LOGIN.
     */
    static SaslMechanism choose(SmtpConfig config, Set<String> offered, String where) {
        if (config.oauthToken != null) {
            if (!offered.contains(SaslXOAuth2.NAME)) {
                throw new AuthenticationException(where + " does not offer XOAUTH2 (offers " + offered + ")", null);
            }
            return new SaslXOAuth2(config.username, config.oauthToken);
        }
        if (offered.contains(SaslPlain.NAME)) {
            return new SaslPlain(config.username, config.password);
        }
        if (offered.contains(SaslLogin.NAME)) {
            return new SaslLogin(config.username, config.password);
        }
        throw new AuthenticationException(where + " offers " + offered + " but none of PLAIN, LOGIN, XOAUTH2", null);
    }

    /** RFC 4954 section 4: responses and initial responses are base64 (RFC 4648 section 4) of UTF-8 text. */
    static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
