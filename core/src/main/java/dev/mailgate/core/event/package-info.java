/**
 * The normalized event model every provider webhook, callback and bounce mail is decoded into, and the
 * {@link dev.mailgate.core.event.CallbackCodec} interface that decodes (and where possible encodes) them.
 */
package dev.mailgate.core.event;
