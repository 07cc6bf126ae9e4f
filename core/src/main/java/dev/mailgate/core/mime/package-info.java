/**
 * The MIME writer: turns an {@link dev.mailgate.core.message.EmailMessage} into RFC 5322 / RFC 2045-2049 bytes,
 * and the {@link dev.mailgate.core.mime.RenderedMessage} that validation and transports work on.
 */
package dev.mailgate.core.mime;
