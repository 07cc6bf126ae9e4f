package dev.mailgate.smtp;

import dev.mailgate.core.transport.SmtpReply;
import java.io.IOException;

/**
 * LOGIN (draft-murchison-sasl-login): the server asks with 334 for the user name, then for the password, each sent
 * base64 on its own line. Not standardised, but still the only password mechanism some servers offer.
 */
final class SaslLogin implements SaslMechanism {
    static final String NAME = "LOGIN";

    private final String username;
    private final String password;

    SaslLogin(String username, String password) {
        this.username = username;
        this.password = password;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SmtpReply exchange(Server server) throws IOException {
        SmtpReply reply = server.command("AUTH LOGIN");
        if (reply.code() == 334) {
            reply = server.command(SaslMechanism.base64(username));
        }
        if (reply.code() == 334) {
            reply = server.command(SaslMechanism.base64(password));
        }
        return reply;
    }
}
