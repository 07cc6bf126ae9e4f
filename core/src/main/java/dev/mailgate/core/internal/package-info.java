/**
 * Implementation details shared between core packages. Not part of the API: module-info exports it only to
 * {@code dev.mailgate.smtp} (qualified export), whose dot-stuffing uses the same octet searches as the writer; no
 * other module can read it.
 */
package dev.mailgate.core.internal;
