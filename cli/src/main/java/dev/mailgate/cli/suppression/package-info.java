/** {@code mailgate suppression ...}: the suppression and unsubscribe lists in a store. */
package dev.mailgate.cli.suppression;
