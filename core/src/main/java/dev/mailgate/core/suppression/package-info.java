/** Suppression: the callback interface for changes to the suppression and unsubscribe lists. */
package dev.mailgate.core.suppression;
