package dev.mailgate.core.event;

/**
 * Whether a failure says the address itself is bad. {@code HARD} only when it is (user unknown, host unknown, has
 * moved, accepts no mail); every other failure, a 5xx spam or policy block included, is {@code SOFT}, because
 * suppressing the address for it would drop a good address.
 */
public enum BounceClass {
    HARD, SOFT, UNDETERMINED
}
