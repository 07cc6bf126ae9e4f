package dev.mailgate.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "no unbounded time" property of every target: one input must finish far within this budget. It is a hang
 * detector (a regex or loop gone quadratic), not a performance target; inputs are at most
 * {@link FuzzBudget#MAX_LENGTH}, where a linear parser takes milliseconds and the old quadratic address search took
 * seconds.
 */
final class Bounded {
    static final long BUDGET_MILLIS = 2_000;

    private Bounded() {
    }

    static <T> T call(String what, java.util.function.Supplier<T> body) {
        long start = System.nanoTime();
        T result = body.get();
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(millis).as("%s took %d ms on one input", what, millis).isLessThan(BUDGET_MILLIS);
        return result;
    }
}
