package dev.mailgate.fuzz;

/**
 * How long one fuzzing session of a target lasts. CI fuzzes each target for this long on every build; a longer run
 * ({@code scripts/fuzz.sh SECONDS}) repeats sessions, each resuming from the corpus the previous one grew.
 */
final class FuzzBudget {
    static final String CI = "8s";

    private FuzzBudget() {
    }
}
