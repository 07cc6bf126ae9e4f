package dev.mailgate.smtp;

import dev.mailgate.core.transport.SmtpReply;
import java.io.IOException;

/** PLAIN (RFC 4616): authorization id (empty), NUL, user, NUL, password, sent as the initial response. */
final class SaslPlain implements SaslMechanism {
    static final String NAME = "PLAIN";

    private final String username;
    private final String password;

    SaslPlain(String username, String password) {
        this.username = username;
        this.password = password;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SmtpReply exchange(Server server) throws IOException {
        return server.command("AUTH PLAIN " + SaslMechanism.base64("\u0000" + username + "\u0000" + password));
    }
}
