/**
 * Internal, not exported: from a recipient's status, reply and diagnostic text to a bounce reason (the needle
 * tables, the receiving hosts' own wordings, the format hints).
 */
package dev.mailgate.bounce.internal.classify;
