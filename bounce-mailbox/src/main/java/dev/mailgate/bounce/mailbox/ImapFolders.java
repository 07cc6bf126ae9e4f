package dev.mailgate.bounce.mailbox;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.imap.IMAPFolder;

/**
 * Folder names as the server writes them. The configuration writes hierarchy with {@code /}
 * ({@code Mailgate/Processed}); servers choose their own separator (RFC 3501 section 6.3.8: LIST returns it), and
 * Dovecot's {@code .} refuses a {@code /} in a name ("[CANNOT] Name must not have '/' characters", issue 24). So
 * every {@code /} becomes the separator of the server's personal namespace (RFC 2342) and, back, listed names use
 * {@code /}.
 */
final class ImapFolders {
    private ImapFolders() {
    }

    /** The hierarchy separator of the server's personal namespace, {@code /} when the server names none. */
    static char separator(Store store) throws MessagingException {
        Folder[] personal = store.getPersonalNamespaces();
        char sep = personal.length > 0 ? personal[0].getSeparator() : store.getDefaultFolder().getSeparator();
        return sep == '\0' ? '/' : sep;
    }

    /** The server's name for a configured name. */
    static String serverName(String configured, char separator) {
        return separator == '/' ? configured : configured.replace('/', separator);
    }

    /** The configured form of a server's name. */
    static String configuredName(String server, char separator) {
        return separator == '/' ? server : server.replace(separator, '/');
    }

    /**
     * The folder, created when missing. A refusal carries the server's own words: Angus's {@code create} only says
     * false, and "cannot create" without the server's {@code [CANNOT]} reason sent users guessing.
     */
    static Folder ensure(Store store, String configured, char separator) throws MessagingException {
        String name = serverName(configured, separator);
        Folder f = store.getFolder(name);
        if (f.exists()) {
            return f;
        }
        if (f instanceof IMAPFolder imap) {
            try {
                imap.doCommand(protocol -> {
                    protocol.create(name);
                    return null;
                });
            } catch (MessagingException e) {
                Throwable cause = e.getCause() instanceof ProtocolException p ? p : e;
                throw new MessagingException("the server refused to create folder \"" + name + "\" (configured as \""
                        + configured + "\", hierarchy separator '" + separator + "'): " + cause.getMessage(), e);
            }
            if (!store.getFolder(name).exists()) {
                throw new MessagingException("folder \"" + name + "\" was created but the server does not list it");
            }
            return store.getFolder(name);
        }
        if (!f.create(Folder.HOLDS_MESSAGES)) {
            throw new MessagingException("cannot create folder \"" + name + "\"");
        }
        return f;
    }
}
