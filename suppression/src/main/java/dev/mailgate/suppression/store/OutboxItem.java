package dev.mailgate.suppression.store;

/**
 * One event waiting to be published, encoded on its own in the destination's format.
 *
 * @param destination the destination's name
 * @param attempts deliveries tried so far
 */
public record OutboxItem(long id, String destination, byte[] payload, int attempts) {
}
