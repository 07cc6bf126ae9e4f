package dev.mailgate.suppression;

/** The kinds of failure events a policy counts, each with its own rule. */
public enum EventClass {
    HARD, SOFT, COMPLAINT, BLOCKED
}
