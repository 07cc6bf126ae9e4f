/**
 * The immutable outgoing message model: {@link dev.mailgate.core.message.EmailMessage}, raw messages, attachments,
 * their {@link dev.mailgate.core.message.ContentType} (parsed once, rendered by the writer), envelopes.
 */
package dev.mailgate.core.message;
