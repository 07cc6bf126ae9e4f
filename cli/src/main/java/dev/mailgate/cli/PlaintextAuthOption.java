package dev.mailgate.cli;

import picocli.CommandLine.Option;

/**
 * {@code --allow-plaintext-auth}: the one rule of every command that logs in to a server. A password goes over an
 * unencrypted connection only when the user says so on purpose; choosing no encryption alone is not enough,
 * because it is also what people try first when TLS fails, and then the password crosses the network readable.
 */
public final class PlaintextAuthOption {
    @Option(names = "--allow-plaintext-auth",
            description = "log in even though the connection is not encrypted (only on a trusted local network)")
    boolean allowed;

    /**
     * Decides whether this login may go unencrypted.
     *
     * @param unencrypted whether the chosen security sends everything in the clear
     * @param user the user name that would log in, or null when the command does not log in
     * @param host the server
     * @param chosen the option that chose no encryption, e.g. {@code --tls none}
     * @param instead the options that encrypt, e.g. {@code --tls starttls or --tls implicit}
     * @return true when the login is unencrypted and allowed (tell the library so); false when it is encrypted or
     *     there is no login
     * @throws PlaintextAuthRefusedException when the login would be unencrypted and {@code --allow-plaintext-auth}
     *     was not given
     */
    public boolean permit(boolean unencrypted, String user, String host, String chosen, String instead) {
        if (!unencrypted || user == null) {
            return false;
        }
        if (!allowed) {
            throw new PlaintextAuthRefusedException(chosen + " would send the password of \"" + user + "\" to " + host
                    + " unencrypted; use " + instead + ", or add --allow-plaintext-auth to mean it (only on a trusted local network)");
        }
        return true;
    }

    /** Whether --allow-plaintext-auth was given. */
    public boolean permitted() {
        return allowed;
    }

    /** A login was refused before connecting because it would have sent the password in the clear. */
    public static final class PlaintextAuthRefusedException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        PlaintextAuthRefusedException(String message) {
            super(message);
        }
    }
}
