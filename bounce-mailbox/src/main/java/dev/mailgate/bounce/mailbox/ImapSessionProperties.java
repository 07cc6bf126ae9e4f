package dev.mailgate.bounce.mailbox;

import java.security.NoSuchAlgorithmException;
import java.util.Properties;
import javax.net.ssl.SSLContext;

/** The Jakarta Mail session properties of a configuration: timeouts, TLS, and the login mechanism. */
final class ImapSessionProperties {
    private ImapSessionProperties() {
    }

    static Properties of(ImapBounceConfig c) {
        Properties p = new Properties();
        String protocol = c.security == ImapSecurity.IMPLICIT_TLS ? "imaps" : "imap";
        String timeout = Long.toString(c.timeout.toMillis());
        p.put("mail.store.protocol", protocol);
        p.put("mail." + protocol + ".connectiontimeout", timeout);
        p.put("mail." + protocol + ".timeout", timeout);
        p.put("mail." + protocol + ".writetimeout", timeout);
        // read with BODY.PEEK: a pass that fails leaves the message unread
        p.put("mail." + protocol + ".peek", "true");
        if (c.oauthToken != null) {
            // AUTHENTICATE XOAUTH2 only (Angus sends "user=...^Aauth=Bearer <token>^A^A", as Google and Microsoft
            // specify it), never a fallback to LOGIN with the token as a password
            p.put("mail." + protocol + ".auth.mechanisms", "XOAUTH2");
            p.put("mail." + protocol + ".auth.xoauth2.disable", "false");
            p.put("mail." + protocol + ".auth.login.disable", "true");
            p.put("mail." + protocol + ".auth.plain.disable", "true");
        }
        if (c.security != ImapSecurity.NONE) {
            SSLContext ctx = c.sslContext;
            if (ctx == null) {
                try {
                    ctx = SSLContext.getDefault();
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException("no default TLS context", e);
                }
            }
            p.put("mail." + protocol + ".ssl.socketFactory", ctx.getSocketFactory());
            p.put("mail." + protocol + ".ssl.checkserveridentity", Boolean.toString(c.verifyHostname));
            p.put("mail." + protocol + ".ssl.protocols", "TLSv1.3 TLSv1.2");
        }
        if (c.security == ImapSecurity.IMPLICIT_TLS) {
            p.put("mail.imaps.ssl.enable", "true");
        }
        if (c.security == ImapSecurity.STARTTLS) {
            // RFC 2595: no STARTTLS offered means no login at all, never a silent plaintext fallback
            p.put("mail.imap.starttls.enable", "true");
            p.put("mail.imap.starttls.required", "true");
        }
        return p;
    }
}
