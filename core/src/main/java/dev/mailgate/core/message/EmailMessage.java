package dev.mailgate.core.message;

import dev.mailgate.core.address.EmailAddress;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable e-mail message. Build one with {@link #builder()}, change a copy with {@link #toBuilder()}.
 *
 * <p>{@code build()} refuses only what could never be sent safely (a header value with a line break, say); a
 * missing From or an empty recipient list is reported by validation, so that every problem of a message is
 * reported at once (see {@code dev.mailgate.core.validation.MessageValidator}).
 *
 * <p>Bcc addresses are recipients of the envelope only: the writer never puts a Bcc header on the wire.
 */
public final class EmailMessage implements OutboundMessage {
    private final EmailAddress from;
    private final EmailAddress sender;
    private final List<EmailAddress> to;
    private final List<EmailAddress> cc;
    private final List<EmailAddress> bcc;
    private final List<EmailAddress> replyTo;
    private final String subject;
    private final String text;
    private final String html;
    private final List<Attachment> attachments;
    private final List<Header> headers;
    private final String messageId;
    private final OffsetDateTime date;
    private final EmailAddress envelopeFrom;
    private final List<EmailAddress> envelopeRecipients;
    private final Envelope envelope;
    private final List<String> tags;
    private final Map<String, String> metadata;
    private final List<URI> listUnsubscribe;
    private final boolean listUnsubscribeOneClick;

    private EmailMessage(Builder b, String messageId) {
        this.from = b.from;
        this.sender = b.sender;
        this.to = List.copyOf(b.to);
        this.cc = List.copyOf(b.cc);
        this.bcc = List.copyOf(b.bcc);
        this.replyTo = List.copyOf(b.replyTo);
        this.subject = b.subject;
        this.text = b.text;
        this.html = b.html;
        this.attachments = List.copyOf(b.attachments);
        this.headers = List.copyOf(b.headers);
        this.messageId = messageId;
        this.date = b.date;
        this.envelopeFrom = b.envelopeFrom;
        this.envelopeRecipients = List.copyOf(b.envelopeRecipients);
        this.tags = List.copyOf(b.tags);
        this.metadata = Map.copyOf(b.metadata);
        this.listUnsubscribe = List.copyOf(b.listUnsubscribe);
        this.listUnsubscribeOneClick = b.listUnsubscribeOneClick;
        this.envelope = Envelope.derive(envelopeFrom != null ? envelopeFrom : sender != null ? sender : from,
                envelopeRecipients, to, cc, bcc);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this message's values, Message-ID included. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    public Optional<EmailAddress> from() {
        return Optional.ofNullable(from);
    }

    public Optional<EmailAddress> sender() {
        return Optional.ofNullable(sender);
    }

    public List<EmailAddress> to() {
        return to;
    }

    public List<EmailAddress> cc() {
        return cc;
    }

    public List<EmailAddress> bcc() {
        return bcc;
    }

    public List<EmailAddress> replyTo() {
        return replyTo;
    }

    public Optional<String> subject() {
        return Optional.ofNullable(subject);
    }

    public Optional<String> text() {
        return Optional.ofNullable(text);
    }

    public Optional<String> html() {
        return Optional.ofNullable(html);
    }

    /** Attachments and inline parts, in the order they were added. */
    public List<Attachment> attachments() {
        return attachments;
    }

    /** Custom headers, in the order they were added. */
    public List<Header> headers() {
        return headers;
    }

    /** Values of the custom headers with this name (case-insensitive). */
    public List<String> headers(String name) {
        return headers.stream().filter(h -> h.hasName(name)).map(Header::value).toList();
    }

    @Override
    public Optional<String> messageId() {
        return Optional.ofNullable(messageId);
    }

    /** The Date header; when empty, the writer stamps the time of rendering. */
    public Optional<OffsetDateTime> date() {
        return Optional.ofNullable(date);
    }

    /** The effective envelope: the override if one was given, else derived from Sender/From and To, Cc, Bcc. */
    @Override
    public Envelope envelope() {
        return envelope;
    }

    /** Whether the caller set MAIL FROM explicitly instead of letting it follow Sender/From. */
    public boolean hasEnvelopeFromOverride() {
        return envelopeFrom != null;
    }

    /** Provider-neutral tags; a provider module maps them to its own headers or API fields. */
    public List<String> tags() {
        return tags;
    }

    /** Provider-neutral metadata; a provider module maps it to its own headers or API fields. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** The List-Unsubscribe URIs (RFC 2369), mailto: and/or https:. */
    public List<URI> listUnsubscribe() {
        return listUnsubscribe;
    }

    /** Whether {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click} (RFC 8058) is sent. */
    public boolean listUnsubscribeOneClick() {
        return listUnsubscribeOneClick;
    }

    @Override
    public String toString() {
        return "EmailMessage[messageId=" + messageId + ", from=" + from + ", to=" + to + ", subject=" + subject + "]";
    }

    /** Collects the fields of an {@link EmailMessage}; not thread-safe. */
    public static final class Builder {
        private EmailAddress from;
        private EmailAddress sender;
        private final List<EmailAddress> to = new ArrayList<>();
        private final List<EmailAddress> cc = new ArrayList<>();
        private final List<EmailAddress> bcc = new ArrayList<>();
        private final List<EmailAddress> replyTo = new ArrayList<>();
        private String subject;
        private String text;
        private String html;
        private final List<Attachment> attachments = new ArrayList<>();
        private final List<Header> headers = new ArrayList<>();
        private String messageId;
        private MessageIdGenerator messageIdGenerator = MessageIdGenerator.random();
        private OffsetDateTime date;
        private EmailAddress envelopeFrom;
        private final List<EmailAddress> envelopeRecipients = new ArrayList<>();
        private final List<String> tags = new ArrayList<>();
        private final Map<String, String> metadata = new LinkedHashMap<>();
        private final List<URI> listUnsubscribe = new ArrayList<>();
        private boolean listUnsubscribeOneClick;

        private Builder() {
        }

        private Builder(EmailMessage m) {
            from = m.from;
            sender = m.sender;
            to.addAll(m.to);
            cc.addAll(m.cc);
            bcc.addAll(m.bcc);
            replyTo.addAll(m.replyTo);
            subject = m.subject;
            text = m.text;
            html = m.html;
            attachments.addAll(m.attachments);
            headers.addAll(m.headers);
            messageId = m.messageId;
            date = m.date;
            envelopeFrom = m.envelopeFrom;
            envelopeRecipients.addAll(m.envelopeRecipients);
            tags.addAll(m.tags);
            metadata.putAll(m.metadata);
            listUnsubscribe.addAll(m.listUnsubscribe);
            listUnsubscribeOneClick = m.listUnsubscribeOneClick;
        }

        public Builder from(EmailAddress address) {
            this.from = address;
            return this;
        }

        /** Parses {@code "Ana <ana@example.com>"} or {@code ana@example.com}. */
        public Builder from(String address) {
            return from(EmailAddress.parse(address));
        }

        /** {@code from("Ana Müller", "ana@example.com")}: the display name is taken as given, never parsed. */
        public Builder from(String displayName, String address) {
            return from(EmailAddress.of(displayName, address));
        }

        /** The Sender header (RFC 5322 section 3.6.2): the agent sending on behalf of From. */
        public Builder sender(EmailAddress address) {
            this.sender = address;
            return this;
        }

        public Builder to(EmailAddress... addresses) {
            return add(to, List.of(addresses));
        }

        /** Adds one or more comma-separated addresses. */
        public Builder to(String addresses) {
            return add(to, EmailAddress.parseList(addresses));
        }

        public Builder to(Collection<EmailAddress> addresses) {
            return add(to, addresses);
        }

        public Builder cc(EmailAddress... addresses) {
            return add(cc, List.of(addresses));
        }

        public Builder cc(String addresses) {
            return add(cc, EmailAddress.parseList(addresses));
        }

        public Builder cc(Collection<EmailAddress> addresses) {
            return add(cc, addresses);
        }

        public Builder bcc(EmailAddress... addresses) {
            return add(bcc, List.of(addresses));
        }

        public Builder bcc(String addresses) {
            return add(bcc, EmailAddress.parseList(addresses));
        }

        public Builder bcc(Collection<EmailAddress> addresses) {
            return add(bcc, addresses);
        }

        public Builder replyTo(EmailAddress... addresses) {
            return add(replyTo, List.of(addresses));
        }

        public Builder replyTo(String addresses) {
            return add(replyTo, EmailAddress.parseList(addresses));
        }

        public Builder replyTo(Collection<EmailAddress> addresses) {
            return add(replyTo, addresses);
        }

        /** Removes every To, Cc and Bcc address: handy with {@code toBuilder()} to reuse a message for someone else. */
        public Builder clearRecipients() {
            to.clear();
            cc.clear();
            bcc.clear();
            return this;
        }

        public Builder subject(String subject) {
            if (subject != null) {
                HeaderChecks.checkValue("subject", subject, "Subject: ".length());
            }
            this.subject = subject;
            return this;
        }

        /** The plain-text body. Line breaks of any style become CRLF on the wire. */
        public Builder text(String text) {
            this.text = text;
            return this;
        }

        /** The HTML body; with a text body too, the message becomes multipart/alternative. */
        public Builder html(String html) {
            this.html = html;
            return this;
        }

        public Builder attach(Attachment attachment) {
            attachments.add(Objects.requireNonNull(attachment, "attachment"));
            return this;
        }

        public Builder attachments(Collection<Attachment> list) {
            list.forEach(this::attach);
            return this;
        }

        /**
         * Adds a custom header. Names must be printable ASCII without ':'; values must not contain line breaks or
         * other control characters (the writer folds long values itself). Non-ASCII values are encoded per
         * RFC 2047. Fields with their own method (From, Subject, Message-ID, Content-*, ...) are refused here.
         * Leading and trailing white space is removed: on the wire it is either syntax (the space after the colon) or
         * something relays and parsers drop, so a value that kept it would not read back the same.
         */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "header name");
            Objects.requireNonNull(value, "header value");
            HeaderChecks.checkName(name);
            HeaderChecks.checkValue("header " + name, value, name.length() + 2);
            headers.add(new Header(name, value.strip()));
            return this;
        }

        /** Removes every custom header with this name (case-insensitive). */
        public Builder removeHeader(String name) {
            headers.removeIf(h -> h.hasName(name));
            return this;
        }

        /** Sets the Message-ID, with or without angle brackets: {@code <left@right>} (RFC 5322 section 3.6.4). */
        public Builder messageId(String id) {
            if (id == null) {
                this.messageId = null;
                return this;
            }
            String bare = HeaderChecks.checkMessageId(id);
            this.messageId = bare;
            return this;
        }

        /** The generator used by {@link #build()} when no Message-ID was set. */
        public Builder messageIdGenerator(MessageIdGenerator generator) {
            this.messageIdGenerator = Objects.requireNonNull(generator, "generator");
            return this;
        }

        public Builder date(OffsetDateTime date) {
            this.date = date;
            return this;
        }

        /** Overrides MAIL FROM, e.g. with a VERP bounce address; the From header is unchanged. */
        public Builder envelopeFrom(EmailAddress address) {
            this.envelopeFrom = address;
            return this;
        }

        /** Overrides the RCPT TO list; the To/Cc headers are unchanged. */
        public Builder envelopeRecipients(Collection<EmailAddress> recipients) {
            envelopeRecipients.clear();
            envelopeRecipients.addAll(recipients);
            return this;
        }

        public Builder tag(String tag) {
            HeaderChecks.checkText("tag", tag);
            tags.add(tag);
            return this;
        }

        public Builder metadata(String key, String value) {
            HeaderChecks.checkText("metadata key", key);
            HeaderChecks.checkText("metadata value of " + key, value);
            metadata.put(key, value);
            return this;
        }

        /** Adds a List-Unsubscribe URI (RFC 2369): {@code mailto:} or {@code https:}. */
        public Builder listUnsubscribe(URI uri) {
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("mailto") && !scheme.equals("https") && !scheme.equals("http")) {
                throw new InvalidHeaderException("List-Unsubscribe", "URI " + uri + " must be mailto:, https: or http:");
            }
            String ascii = uri.toASCIIString();
            HeaderChecks.checkValue("List-Unsubscribe", ascii, "List-Unsubscribe: <".length() + 2);
            listUnsubscribe.add(URI.create(ascii));
            return this;
        }

        /**
         * Adds an https List-Unsubscribe URI and {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click}
         * (RFC 8058), which mailbox providers require of bulk senders.
         */
        public Builder listUnsubscribeOneClick(URI httpsUri) {
            if (!"https".equalsIgnoreCase(httpsUri.getScheme())) {
                throw new InvalidHeaderException("List-Unsubscribe", "one-click unsubscribe needs an https URI (RFC 8058 section 3.1), got " + httpsUri);
            }
            listUnsubscribe(httpsUri);
            this.listUnsubscribeOneClick = true;
            return this;
        }

        /**
         * Builds the message. A Message-ID is generated from the From domain when none was set (and From is
         * present), so that the id is known before sending and stays the same on a retry of the same message.
         */
        public EmailMessage build() {
            String id = messageId;
            if (id == null && from != null) {
                id = messageIdGenerator.generate(from.asciiDomain());
            }
            return new EmailMessage(this, id);
        }

        private Builder add(List<EmailAddress> target, Collection<EmailAddress> addresses) {
            for (EmailAddress a : addresses) {
                target.add(Objects.requireNonNull(a, "address"));
            }
            return this;
        }
    }
}
