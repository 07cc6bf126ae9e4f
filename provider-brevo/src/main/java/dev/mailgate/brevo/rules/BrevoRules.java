package dev.mailgate.brevo.rules;

import dev.mailgate.core.message.Attachment;
import dev.mailgate.core.mime.RenderedMessage;
import dev.mailgate.core.validation.Rule;
import dev.mailgate.core.validation.Violation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Brevo's rules, ids {@code brevo.*}; each cites the page that states it. */
public final class BrevoRules {
    public static final String MAX_SIZE = "brevo.max-size";
    public static final String ATTACHMENT_TYPES = "brevo.attachment-types";
    public static final String CUSTOM_HEADER = "brevo.custom-header";

    /**
     * "The size limit for transactional emails is 20MB, including attachments and email content" (Add an attachment to
     * a transactional email). Read as 20,000,000 octets, the smaller reading of "MB", so a message that passes is never
     * refused.
     */
    public static final int MAX_OCTETS = 20_000_000;
    /** The extensions the same article allows for attachment files; anything else is refused. */
    public static final Set<String> ALLOWED_EXTENSIONS = Set.of("ics", "xlsx", "xls", "ods", "docx", "doc", "csv", "pdf", "txt", "gif",
            "jpg", "jpeg", "png", "tif", "tiff", "rtf", "msg", "pub", "mobi", "ppt", "pptx", "eps");
    /** The header whose value Brevo's transactional webhooks return as {@code X-Mailin-custom} (one string). */
    public static final String CUSTOM = "X-Mailin-custom";

    private static final String ATTACHMENT_DOC = "https://help.brevo.com/hc/en-us/articles/4402811730962";
    private static final String WEBHOOK_DOC = "https://developers.brevo.com/docs/transactional-webhooks";
    /** A file name parameter in a part's Content-Disposition or Content-Type (RFC 2183 2.3, RFC 2045 5.1), unfolded. */
    private static final Pattern FILE_NAME = Pattern.compile("(?i)(?:^|;)\\s*(?:file)?name\\*?=\\s*(\"([^\"]*)\"|[^;\\s]+)");

    private BrevoRules() {
    }

    /** Every Brevo rule; none needs configuration. */
    public static List<Rule> all() {
        return List.of(Rule.of(MAX_SIZE, BrevoRules::maxSize), Rule.of(ATTACHMENT_TYPES, BrevoRules::attachmentTypes),
                Rule.of(CUSTOM_HEADER, BrevoRules::customHeader));
    }

    /** The rendered size, as sent, within {@value #MAX_OCTETS} octets. ({@value #ATTACHMENT_DOC}) */
    static List<Violation> maxSize(RenderedMessage m) {
        return m.size() <= MAX_OCTETS ? List.of() : List.of(new Violation(MAX_SIZE, "message", "the message is " + m.size()
                + " octets; Brevo's limit for transactional e-mail is 20 MB including attachments (" + ATTACHMENT_DOC + ")"));
    }

    /**
     * Every attachment's file name ends in an allowed extension. The names come from the message as built, or, for a
     * raw message, from the {@code filename}/{@code name} parameters of its parts' headers. ({@value #ATTACHMENT_DOC})
     */
    static List<Violation> attachmentTypes(RenderedMessage m) {
        List<String> names = new ArrayList<>();
        if (m.source().isPresent()) {
            for (Attachment a : m.source().get().attachments()) {
                a.fileName().ifPresent(names::add);
            }
        } else {
            names.addAll(partFileNames(m));
        }
        List<Violation> out = new ArrayList<>();
        for (String name : names) {
            String ext = extension(name).orElse("");
            if (!ALLOWED_EXTENSIONS.contains(ext)) {
                out.add(new Violation(ATTACHMENT_TYPES, "attachment " + name, "Brevo accepts attachments ending in "
                        + new TreeSet<>(ALLOWED_EXTENSIONS) + "; \"" + name + "\" " + (ext.isEmpty() ? "has no extension" : "is ." + ext)
                        + " (" + ATTACHMENT_DOC + ")"));
            }
        }
        return out;
    }

    /** At most one {@value #CUSTOM} header: the webhooks return a single value, so a second would be lost. ({@value #WEBHOOK_DOC}) */
    static List<Violation> customHeader(RenderedMessage m) {
        int n = m.headers(CUSTOM).size();
        return n <= 1 ? List.of() : List.of(new Violation(CUSTOM_HEADER, CUSTOM, n + " " + CUSTOM + " headers; Brevo's webhooks "
                + "return one " + CUSTOM + " value, so give one header (" + WEBHOOK_DOC + ")"));
    }

    private static Optional<String> extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 || dot == fileName.length() - 1 ? Optional.empty() : Optional.of(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** One pass over the body's lines: each part header (unfolded) that names a file. */
    private static List<String> partFileNames(RenderedMessage m) {
        String body = new String(m.bytes(), m.bodyOffset(), m.size() - m.bodyOffset(), StandardCharsets.ISO_8859_1);
        List<String> out = new ArrayList<>();
        StringBuilder header = null;
        for (String line : body.split("\r?\n", -1)) {
            if (header != null && !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
                header.append(line); // folded continuation (RFC 5322 2.2.3)
                continue;
            }
            if (header != null) {
                names(header.toString(), out);
                header = null;
            }
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-disposition:") || lower.startsWith("content-type:")) {
                header = new StringBuilder(line.substring(line.indexOf(':') + 1));
            }
        }
        if (header != null) {
            names(header.toString(), out);
        }
        return out.stream().distinct().toList();
    }

    private static void names(String value, List<String> out) {
        Matcher matcher = FILE_NAME.matcher(value);
        while (matcher.find()) {
            String name = matcher.group(2) != null ? matcher.group(2) : matcher.group(1);
            // RFC 2231 encoded names (name*=utf-8''...) keep their extension after the last dot all the same
            out.add(name.strip());
        }
    }
}
