/**
 * Conversion between Mailgate's {@code EmailMessage} and Jakarta Mail's {@code MimeMessage}. Its own module so that
 * core does not put Jakarta Mail on every application's class path: only code that already uses Jakarta Mail adds it.
 */
module dev.mailgate.jakartamail {
    requires transitive dev.mailgate.core;
    // transitive: MimeMessage is in the signatures of MimeMessages, the whole API of this module
    requires transitive jakarta.mail;

    exports dev.mailgate.jakartamail;
}
