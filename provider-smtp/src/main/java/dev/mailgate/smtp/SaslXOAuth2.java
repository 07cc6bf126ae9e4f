package dev.mailgate.smtp;

import dev.mailgate.core.transport.AuthenticationException;
import dev.mailgate.core.transport.SmtpReply;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * XOAUTH2 (Google's and Microsoft's SASL XOAUTH2 protocol, the pre-standard form of RFC 7628's OAUTHBEARER):
 * {@code user=...^Aauth=Bearer token^A^A} as the initial response, with a fresh token from the supplier.
 */
final class SaslXOAuth2 implements SaslMechanism {
    static final String NAME = "XOAUTH2";

    private final String username;
    private final Supplier<String> token;

    SaslXOAuth2(String username, Supplier<String> token) {
        this.username = username;
        this.token = token;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SmtpReply exchange(Server server) throws IOException {
        String accessToken;
        try {
            accessToken = token.get();
        } catch (RuntimeException e) {
            AuthenticationException failure = new AuthenticationException("the OAuth 2.0 access token supplier failed for "
                    + username + ": " + e, null);
            failure.initCause(e);
            throw failure;
        }
        SmtpReply reply = server.command("AUTH XOAUTH2 " + SaslMechanism.base64("user=" + username + "\u0001auth=Bearer " + accessToken + "\u0001\u0001"));
        if (reply.code() == 334) {
            // RFC 7628 section 3.2.3: the server sent an error as a challenge; an empty response ends the exchange.
            reply = server.command("");
        }
        return reply;
    }
}
