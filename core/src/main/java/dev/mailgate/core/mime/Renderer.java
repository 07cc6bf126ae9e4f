package dev.mailgate.core.mime;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.internal.Rfc5322;
import dev.mailgate.core.message.Attachment;
import dev.mailgate.core.message.ContentType;
import dev.mailgate.core.message.Disposition;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.message.Header;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Renders one message; holds the per-call state (output, folder) of a {@link MimeWriter}. */
final class Renderer {
    private static final String BOUNDARY_PREFIX = "=_";

    private final MimeWriter writer;
    private final MimeOutput out;
    private final HeaderFolder folder = new HeaderFolder();
    /** The text bodies' UTF-8, one body at a time (each is written before the next is encoded). */
    private Utf8Scratch scratch;

    Renderer(MimeWriter writer, MimeOutput out) {
        this.writer = writer;
        this.out = out;
    }

    void message(EmailMessage m) throws IOException {
        scratch = Utf8Scratch.take();
        try {
            fields(m);
        } finally {
            scratch.release();
            scratch = null;
        }
    }

    private void fields(EmailMessage m) throws IOException {
        OffsetDateTime date = m.date().orElseGet(() -> OffsetDateTime.now(writer.clock));
        out.text("Date: ");
        DateField.write(date, out);
        out.crlf();
        if (m.from().isPresent()) {
            addresses("From", List.of(m.from().get()));
        }
        if (m.sender().isPresent()) {
            addresses("Sender", List.of(m.sender().get()));
        }
        if (!m.replyTo().isEmpty()) {
            addresses("Reply-To", m.replyTo());
        }
        if (!m.to().isEmpty()) {
            addresses("To", m.to());
        }
        if (!m.cc().isEmpty()) {
            addresses("Cc", m.cc());
        }
        if (m.subject().isPresent()) {
            unstructured("Subject", m.subject().get());
        }
        if (m.messageId().isPresent()) {
            out.text("Message-ID: <");
            out.text(m.messageId().get());
            out.write('>');
            out.crlf();
        }
        if (!m.listUnsubscribe().isEmpty()) {
            folder.start("List-Unsubscribe");
            List<URI> uris = m.listUnsubscribe();
            for (int i = 0; i < uris.size(); i++) {
                folder.token("<" + uris.get(i).toASCIIString() + ">" + (i < uris.size() - 1 ? "," : ""));
            }
            out.text(folder.finish());
            if (m.listUnsubscribeOneClick()) {
                out.text("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n");
            }
        }
        for (Header h : m.headers()) {
            unstructured(h.name(), h.value());
        }
        out.text("MIME-Version: 1.0\r\n");
        part(structure(m));
    }

    /** Chooses the multipart nesting: mixed( alternative( text, related( html, inline... ) ), attachment... ). */
    private Part structure(EmailMessage m) {
        List<Part> inline = new ArrayList<>();
        List<Part> attached = new ArrayList<>();
        List<Attachment> all = m.attachments();
        for (int i = 0; i < all.size(); i++) {
            Attachment a = all.get(i);
            (a.disposition() == Disposition.INLINE ? inline : attached).add(new FilePart(a, i));
        }
        Part text = m.text().map(t -> (Part) new TextPart("plain", t)).orElse(null);
        Part html = m.html().map(t -> (Part) new TextPart("html", t)).orElse(null);
        if (!inline.isEmpty()) {
            List<Part> related = new ArrayList<>();
            Part root = html != null ? html : text != null ? text : new TextPart("plain", "");
            related.add(root);
            related.addAll(inline);
            Part relatedPart = new Multipart("related", related, root == html ? "text/html" : "text/plain");
            if (html != null) {
                html = relatedPart;
            } else {
                text = relatedPart;
            }
        }
        Part body;
        if (text != null && html != null) {
            body = new Multipart("alternative", List.of(text, html), null);
        } else {
            body = html != null ? html : text;
        }
        if (attached.isEmpty()) {
            return body != null ? body : new TextPart("plain", "");
        }
        List<Part> mixed = new ArrayList<>();
        if (body != null) {
            mixed.add(body);
        }
        mixed.addAll(attached);
        return new Multipart("mixed", mixed, null);
    }

    private void part(Part p) throws IOException {
        if (p instanceof TextPart t) {
            TextBody body = TextBody.of(t.text, scratch);
            TransferEncoding encoding = TransferEncoding.choose(body, writer.eightBitMime);
            out.text("Content-Type: text/");
            out.text(t.subtype);
            out.text("; charset=UTF-8\r\nContent-Transfer-Encoding: ");
            out.text(encoding.token);
            out.crlf();
            out.crlf();
            encoding.write(body, out);
        } else if (p instanceof FilePart f) {
            file(f);
        } else {
            Multipart mp = (Multipart) p;
            String boundary = BOUNDARY_PREFIX + checkedSuffix(writer.boundaries.nextSuffix());
            folder.start("Content-Type").token("multipart/" + mp.subtype + ";");
            if (mp.type != null) {
                folder.token("type=\"" + mp.type + "\";");
            }
            folder.token("boundary=\"" + boundary + "\"");
            out.text(folder.finish());
            out.crlf();
            for (Part child : mp.parts) {
                out.text("--");
                out.text(boundary);
                out.crlf();
                part(child);
                out.crlf();
            }
            out.text("--");
            out.text(boundary);
            out.text("--");
            out.crlf();
        }
    }

    /**
     * A boundary source is caller code: its suffix goes into a part header and delimiter lines, so it must be 1 to
     * 60 RFC 2046 section 5.1.1 bchars (no space, which may not end a boundary, and no quote or control character).
     */
    private static String checkedSuffix(String suffix) {
        boolean ok = suffix != null && !suffix.isEmpty() && suffix.length() <= 60;
        for (int i = 0; ok && i < suffix.length(); i++) {
            char c = suffix.charAt(i);
            ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "'()+_,-./:=?".indexOf(c) >= 0;
        }
        if (!ok) {
            throw new MessageRenderException("boundary", "the BoundarySource gave " + (suffix == null ? "null" : Rfc5322.printable(suffix))
                    + "; a suffix must be 1 to 60 characters of RFC 2046 section 5.1.1 bchars without space", null);
        }
        return suffix;
    }

    private void file(FilePart f) throws IOException {
        Attachment a = f.attachment;
        String label = "attachment[" + f.index + "]" + a.fileName().map(n -> " \"" + n + "\"").orElse("");
        // The type is rendered from its parsed parts, never copied from the caller's text (RFC 2045 section 5.1).
        folder.start("Content-Type");
        ContentType type = a.contentType();
        List<String> typeParams = new ArrayList<>();
        type.parameters().forEach((name, value) -> typeParams.addAll(Parameters.encode(name, value)));
        a.fileName().ifPresent(n -> typeParams.addAll(Parameters.encode("name", n)));
        parameters(type.mimeType(), typeParams);
        out.text(folder.finish());
        out.text("Content-Transfer-Encoding: base64\r\n");
        folder.start("Content-Disposition");
        List<String> fileParams = a.fileName().map(n -> Parameters.encode("filename", n)).orElse(List.of());
        parameters(a.disposition() == Disposition.INLINE ? "inline" : "attachment", fileParams);
        out.text(folder.finish());
        if (a.contentId().isPresent()) {
            out.text("Content-ID: <");
            out.text(a.contentId().get());
            out.text(">\r\n");
        }
        out.crlf();
        InputStream in;
        try {
            in = a.content().open();
        } catch (IOException | UncheckedIOException e) {
            throw new MessageRenderException(label, "cannot be read: " + e.getMessage(), e);
        }
        try (in) {
            TransferEncoding.writeBase64(new SourceStream(in, label), out);
        }
    }

    private void parameters(String value, List<String> params) {
        folder.token(params.isEmpty() ? value : value + ";");
        for (int i = 0; i < params.size(); i++) {
            folder.token(i < params.size() - 1 ? params.get(i) + ";" : params.get(i));
        }
    }

    private void addresses(String name, List<EmailAddress> list) throws IOException {
        folder.start(name);
        for (int i = 0; i < list.size(); i++) {
            EmailAddress a = list.get(i);
            String separator = i < list.size() - 1 ? "," : "";
            String spec = spec(name, a);
            if (a.displayName().isPresent()) {
                for (String token : phrase(a.displayName().get())) {
                    folder.token(token);
                }
                folder.token("<" + spec + ">" + separator);
            } else {
                folder.token(spec + separator);
            }
        }
        out.text(folder.finish());
    }

    private String spec(String field, EmailAddress a) {
        if (writer.smtpUtf8) {
            return a.address();
        }
        if (a.requiresSmtpUtf8()) {
            throw new MessageRenderException(field, "address " + a.address()
                    + " has a non-ASCII local part and can only be sent with SMTPUTF8 (RFC 6531)", null);
        }
        return a.asciiAddress();
    }

    /** A display name as phrase tokens: atoms, a quoted-string, or encoded-words (RFC 5322 section 3.2.5). */
    private List<String> phrase(String name) {
        if (EncodedWords.needed(name, writer.smtpUtf8)) {
            return EncodedWords.encode(name);
        }
        List<String> atoms = plainAtoms(name);
        if (atoms != null) {
            return atoms;
        }
        String q = Rfc5322.quotedString(name);
        return q.length() <= 70 ? List.of(q) : EncodedWords.encode(name);
    }

    /**
     * The name's words when it is atoms (RFC 5322 section 3.2.3) of 1 to 70 characters separated by single spaces,
     * else null: one pass, where {@code split} and a stream per word were a tenth of writing the header block.
     */
    static List<String> plainAtoms(String name) {
        List<String> atoms = new ArrayList<>(4);
        int start = 0;
        for (int i = 0; i <= name.length(); i++) {
            if (i == name.length() || name.charAt(i) == ' ') {
                if (i == start || i - start > 70) {
                    return null;
                }
                atoms.add(name.substring(start, i));
                start = i + 1;
            } else if (!Rfc5322.isAtext(name.charAt(i))) {
                return null;
            }
        }
        return atoms;
    }

    /**
     * Unstructured text (RFC 5322 section 3.2.5), folded in its own white space; encoded-words (RFC 2047) when it
     * is not ASCII (without SMTPUTF8), looks like an encoded-word, or cannot be folded into lines of at most 998
     * octets (a word or a run of white space that long): each encoded-word is at most 75 characters, and the white
     * space between them is not part of the value (RFC 2047 section 6.2), so the text survives either way.
     */
    private void unstructured(String name, String value) throws IOException {
        folder.start(name);
        if (EncodedWords.needed(value, writer.smtpUtf8) || !folder.text(value)) {
            for (String word : EncodedWords.encode(value)) {
                folder.token(word);
            }
        }
        out.text(folder.finish());
    }

    private interface Part {
    }

    private record TextPart(String subtype, String text) implements Part {
    }

    private record FilePart(Attachment attachment, int index) implements Part {
    }

    private record Multipart(String subtype, List<Part> parts, String type) implements Part {
    }

    /** Turns a failing read of an attachment into a {@link MessageRenderException} naming the attachment. */
    private static final class SourceStream extends java.io.FilterInputStream {
        private final String label;

        SourceStream(InputStream in, String label) {
            super(in);
            this.label = label;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw new MessageRenderException(label, "reading failed: " + e.getMessage(), e);
            }
        }

        @Override
        public int read() {
            try {
                return super.read();
            } catch (IOException e) {
                throw new MessageRenderException(label, "reading failed: " + e.getMessage(), e);
            }
        }
    }
}
