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

    /**
     * What instrumentation may add per KiB of input on top of the budget: Jazzer hooks every string comparison, and
     * a bounce parse under it costs about 0.1 ms per byte of a mail full of addresses (2.4 s for 1,000 addresses).
     * The old quadratic address search took 38 s for 26 KB without instrumentation, far past 2 s + 2.6 s.
     */
    static final long MILLIS_PER_KIB = 100;

    static <T> T call(String what, java.util.function.Supplier<T> body) {
        return call(what, 0, body);
    }

    /** The budget for one input of {@code length} bytes: {@link #BUDGET_MILLIS} plus {@link #MILLIS_PER_KIB} per KiB. */
    static <T> T call(String what, int length, java.util.function.Supplier<T> body) {
        long budget = BUDGET_MILLIS + MILLIS_PER_KIB * length / 1024;
        long start = System.nanoTime();
        T result = body.get();
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(millis).as("%s took %d ms on one input of %d bytes", what, millis, length).isLessThan(budget);
        return result;
    }
}
