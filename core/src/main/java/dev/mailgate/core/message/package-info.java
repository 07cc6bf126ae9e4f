/** The immutable outgoing message model: {@link dev.mailgate.core.message.EmailMessage}, raw messages, attachments, envelopes. */
package dev.mailgate.core.message;
