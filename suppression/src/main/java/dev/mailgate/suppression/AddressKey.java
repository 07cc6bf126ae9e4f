package dev.mailgate.suppression;

import dev.mailgate.core.address.EmailAddress;
import java.text.Normalizer;
import java.util.Locale;

/**
 * The one normalization by which the lists match addresses: the store's key, and so what the filter, the policy and
 * the CSV import compare. What was written is kept beside it for display ({@link SuppressionEntry#address()}).
 *
 * <ul>
 * <li>Local part: a quoted local part whose content is a plain dot-atom loses its quotes ({@code "john"@x} is
 *     {@code john@x}, RFC 5321 section 4.1.2); then Unicode NFC (RFC 6532 section 3.1) and lower case
 *     ({@link Locale#ROOT}). RFC 5321 section 2.4 lets a host treat local parts case-sensitively, but every large
 *     mailbox provider does not, and DSNs, webhooks and send lists spell the same mailbox differently; a list that
 *     missed {@code John.Doe@Example.COM} after suppressing {@code john.doe@example.com} would mail a dead address.</li>
 * <li>Domain: the IDNA2008 / UTS #46 A-label form, lower case ({@link EmailAddress#normalizedDomain()}); a domain
 *     literal lower-cased.</li>
 * <li>Not folded: sub-addresses ({@code +tag}) and dots in Gmail local parts; those are the provider's private
 *     rules, and for anyone else different mailboxes.</li>
 * </ul>
 */
public final class AddressKey {
    private AddressKey() {
    }

    public static String of(EmailAddress address) {
        return local(address.localPart()) + "@" + address.normalizedDomain();
    }

    private static String local(String written) {
        String local = written;
        if (local.length() >= 2 && local.startsWith("\"") && local.endsWith("\"") && isDotAtom(local.substring(1, local.length() - 1))) {
            local = local.substring(1, local.length() - 1);
        }
        return Normalizer.normalize(local, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    /** RFC 5322 dot-atom-text (with RFC 6532's UTF-8 characters): atext runs separated by single dots. */
    private static boolean isDotAtom(String s) {
        if (s.isEmpty() || s.startsWith(".") || s.endsWith(".") || s.contains("..")) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean atext = c >= 0x80 || Character.isLetterOrDigit(c) && c < 0x80 || "!#$%&'*+-/=?^_`{|}~.".indexOf(c) >= 0;
            if (!atext) {
                return false;
            }
        }
        return true;
    }
}
