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

    /**
     * The budget for one input of {@code length} bytes: {@link #BUDGET_MILLIS} plus {@link #MILLIS_PER_KIB} per KiB,
     * of this thread's CPU time. Not wall time: on a loaded 2-core CI machine a seed's first, still interpreted parse
     * waited long enough for the CPU to pass the budget (3.2 s for a 10 KB mail at load 5, 20-30 ms warm), while a
     * loop gone quadratic burns CPU and is caught either way.
     */
    static <T> T call(String what, int length, java.util.function.Supplier<T> body) {
        long budget = BUDGET_MILLIS + MILLIS_PER_KIB * length / 1024;
        long start = cpuNanos();
        T result = body.get();
        long millis = (cpuNanos() - start) / 1_000_000;
        assertThat(millis).as("%s took %d ms of CPU on one input of %d bytes", what, millis, length).isLessThan(budget);
        return result;
    }

    private static long cpuNanos() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : System.nanoTime();
    }
}
