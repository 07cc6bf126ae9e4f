/**
 * Internal, not exported: a lenient MIME reader for bounces (RFC 2045-2047), bounded in nesting depth and part count,
 * with header fields indexed by name.
 */
package dev.mailgate.bounce.internal.mime;
