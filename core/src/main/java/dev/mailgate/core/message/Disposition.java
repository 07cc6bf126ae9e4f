package dev.mailgate.core.message;

/** RFC 2183 content disposition of a body part. */
public enum Disposition {
    /** Shown as a file the reader can save. */
    ATTACHMENT,
    /** Shown in the message body, typically an image referenced from HTML as {@code cid:...}. */
    INLINE
}
