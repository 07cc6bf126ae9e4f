/**
 * {@code mailgate send}: one message, from flags or the message JSON of {@code render}, through any provider found
 * on the class path, or validated and rendered only ({@code --dry-run}).
 */
package dev.mailgate.cli.send;
