package dev.mailgate.jakartamail;

import dev.mailgate.core.MailException;
import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.message.Attachment;
import dev.mailgate.core.message.ContentSource;
import dev.mailgate.core.message.Disposition;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.mime.MimeWriter;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneOffset;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Converts between {@link EmailMessage} and {@link MimeMessage}, for code that already uses Jakarta Mail. To a
 * MimeMessage: our writer renders and Jakarta Mail parses, so both sides see the same bytes. From a MimeMessage:
 * the structure is walked, the first text/plain and text/html bodies become the bodies, parts with a file name or
 * an attachment disposition become attachments, and headers we do not model become custom headers.
 */
public final class MimeMessages {
    private static final Set<String> MODELLED = Set.of("from", "sender", "to", "cc", "bcc", "reply-to", "subject",
            "message-id", "date", "mime-version", "content-type", "content-transfer-encoding", "content-disposition",
            "content-id", "list-unsubscribe", "list-unsubscribe-post", "return-path", "received");

    private MimeMessages() {
    }

    /** Renders with {@code writer} and parses the bytes with Jakarta Mail. */
    public static MimeMessage toMimeMessage(EmailMessage message, MimeWriter writer, Session session) {
        try {
            return new MimeMessage(session, new ByteArrayInputStream(writer.toBytes(message)));
        } catch (MessagingException e) {
            throw new InteropException("Jakarta Mail could not parse the rendered message: " + e.getMessage(), e);
        }
    }

    /** Renders with the standard writer into a MimeMessage of a session with default properties. */
    public static MimeMessage toMimeMessage(EmailMessage message) {
        return toMimeMessage(message, MimeWriter.standard(), Session.getInstance(new Properties()));
    }

    /** Reads a MimeMessage into an EmailMessage, keeping its Message-ID and date. */
    public static EmailMessage fromMimeMessage(MimeMessage mime) {
        try {
            EmailMessage.Builder b = EmailMessage.builder();
            first(mime.getFrom()).ifPresent(b::from);
            if (mime.getSender() != null) {
                b.sender(convert(mime.getSender()));
            }
            b.to(convertAll(mime.getRecipients(Message.RecipientType.TO)));
            b.cc(convertAll(mime.getRecipients(Message.RecipientType.CC)));
            b.bcc(convertAll(mime.getRecipients(Message.RecipientType.BCC)));
            if (mime.getHeader("Reply-To") != null) {
                b.replyTo(convertAll(mime.getReplyTo()));
            }
            if (mime.getSubject() != null) {
                b.subject(mime.getSubject());
            }
            if (mime.getMessageID() != null) {
                b.messageId(mime.getMessageID().strip());
            }
            if (mime.getSentDate() != null) {
                b.date(mime.getSentDate().toInstant().atOffset(ZoneOffset.UTC));
            }
            Enumeration<Header> headers = mime.getAllHeaders();
            while (headers.hasMoreElements()) {
                Header h = headers.nextElement();
                if (!MODELLED.contains(h.getName().toLowerCase(Locale.ROOT))) {
                    b.header(h.getName(), MimeUtility.decodeText(MimeUtility.unfold(h.getValue())).strip());
                }
            }
            Bodies bodies = new Bodies();
            walk(mime, b, bodies);
            if (bodies.text != null) {
                b.text(bodies.text);
            }
            if (bodies.html != null) {
                b.html(bodies.html);
            }
            return b.build();
        } catch (MessagingException | IOException e) {
            throw new InteropException("cannot read the MimeMessage: " + e.getMessage(), e);
        }
    }

    private static void walk(Part part, EmailMessage.Builder b, Bodies bodies) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart mp = (Multipart) part.getContent();
            for (int i = 0; i < mp.getCount(); i++) {
                walk(mp.getBodyPart(i), b, bodies);
            }
            return;
        }
        String disposition = part.getDisposition();
        String fileName = part.getFileName();
        String[] contentIds = part.getHeader("Content-ID");
        boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(disposition) || fileName != null
                || (contentIds != null && !part.isMimeType("text/*"));
        if (!attachment && part.isMimeType("text/plain") && bodies.text == null) {
            bodies.text = textOf(part);
        } else if (!attachment && part.isMimeType("text/html") && bodies.html == null) {
            bodies.html = textOf(part);
        } else {
            byte[] bytes;
            try (InputStream in = part.getInputStream()) {
                bytes = in.readAllBytes();
            }
            String type = baseType(part.getContentType());
            Optional<String> name = Optional.ofNullable(fileName);
            if (contentIds != null && !Part.ATTACHMENT.equalsIgnoreCase(disposition)) {
                String cid = contentIds[0].strip();
                b.attach(new Attachment(name, type, ContentSource.of(bytes), Disposition.INLINE,
                        Optional.of(cid.startsWith("<") && cid.endsWith(">") ? cid.substring(1, cid.length() - 1) : cid)));
            } else {
                b.attach(new Attachment(Optional.of(name.orElse("attachment")), type, ContentSource.of(bytes), Disposition.ATTACHMENT, Optional.empty()));
            }
        }
    }

    private static String textOf(Part part) throws MessagingException, IOException {
        Object content = part.getContent();
        return content instanceof String s ? s : new String(part.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String baseType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    private static Optional<EmailAddress> first(Address[] addresses) {
        List<EmailAddress> all = convertAll(addresses);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    private static List<EmailAddress> convertAll(Address[] addresses) {
        if (addresses == null) {
            return List.of();
        }
        return java.util.Arrays.stream(addresses).map(MimeMessages::convert).toList();
    }

    private static EmailAddress convert(Address address) {
        if (address instanceof InternetAddress ia) {
            return EmailAddress.of(ia.getPersonal(), ia.getAddress());
        }
        return EmailAddress.parse(address.toString());
    }

    private static final class Bodies {
        String text;
        String html;
    }

    /** Jakarta Mail could not read or parse a message during conversion. */
    public static final class InteropException extends MailException {
        private static final long serialVersionUID = 1L;

        InteropException(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public boolean isRetrySafe() {
            return false;
        }
    }
}
