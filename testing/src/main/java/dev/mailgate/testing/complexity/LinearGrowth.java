package dev.mailgate.testing.complexity;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Fails when an operation's time grows faster than linearly with the size of one dimension of its input.
 *
 * <p>The size is doubled step by step and the time of each step compared with the one before: linear work doubles,
 * quadratic work quadruples. The verdict must not depend on the machine's load, so:
 * <ul>
 *   <li>the operation is warmed up first (the JIT compiles it before anything is timed), and the heap is collected
 *       before every timed run (the garbage of the run before is not this run's cost);</li>
 *   <li>the starting size is doubled until one run takes at least {@link Builder#minMillis(long)} (20 ms), so the
 *       timer's resolution and fixed costs do not flatten the ratios;</li>
 *   <li>time is the measuring thread's CPU time (not the time it waited for a core other processes held, nor the
 *       collector's pauses);</li>
 *   <li>every size is run several times, the sizes in turn (a burst of load on the machine spreads over all of them
 *       instead of inflating one), and the fastest run counts: noise only ever adds time;</li>
 *   <li>the growth is judged over all doublings: it fails only when both the median step ratio and the overall
 *       slope (the geometric mean of the ratios) exceed the limit, so one noisy step cannot fail it;</li>
 *   <li>a run slower than {@link Builder#capMillis(long)} stops the larger sizes (a quadratic cost must fail fast,
 *       not time the build out), and the steps measured so far decide.</li>
 * </ul>
 * This is a check of the shape of the cost, never of absolute times.
 */
public final class LinearGrowth {
    /**
     * With {@code -Dmailgate.complexity.prove=true} every check runs its operation once per doubling more (size /
     * smallest size times), which makes a linear operation quadratic: every complexity test must then fail. It is how
     * each test was shown able to fail (docs/reliability.md), without a broken copy of each parser.
     */
    public static final String PROVE_PROPERTY = "mailgate.complexity.prove";

    /** The largest growth per doubling that passes: linear is 2, n log n about 2.2, quadratic 4. */
    public static final double DEFAULT_LIMIT = 2.5;

    private LinearGrowth() {
    }

    /** Starts a check named for the parser and the dimension that grows, e.g. "BounceParser: addresses". */
    public static Builder of(String what) {
        return new Builder(what);
    }

    /** The times measured; {@link #toString()} gives one line for reports. */
    public record Result(String what, List<Integer> sizes, List<Double> millis, double medianRatio, double slope) {
        public Result {
            sizes = List.copyOf(sizes);
            millis = List.copyOf(millis);
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder(what).append(": ");
            for (int i = 0; i < sizes.size(); i++) {
                b.append(i == 0 ? "" : ", ").append(sizes.get(i)).append(" -> ").append(String.format(Locale.ROOT, "%.1f ms", millis.get(i)));
            }
            return b.append(String.format(Locale.ROOT, "; per doubling: median %.2f, slope %.2f", medianRatio, slope)).toString();
        }
    }

    /** Settings of one check; the defaults suit a loaded 2-core CI machine. */
    public static final class Builder {
        private final String what;
        private int startSize = 16;
        private int doublings = 3;
        private double limit = DEFAULT_LIMIT;
        private long minMillis = 20;
        private long capMillis = 4_000;
        private int repetitions = 3;
        private int maxSize = 1 << 24;

        private Builder(String what) {
            this.what = Objects.requireNonNull(what, "what");
        }

        /** The size calibration starts from (doubled until a run takes {@link #minMillis(long)}). */
        public Builder startSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("startSize must be at least 1, was " + size);
            }
            this.startSize = size;
            return this;
        }

        /** The largest size measured, for inputs that must stay within a parser's size limit. */
        public Builder maxSize(int size) {
            this.maxSize = size;
            return this;
        }

        /** How many times the calibrated size is doubled (3: four sizes, the largest 8 times the smallest). */
        public Builder doublings(int count) {
            if (count < 2) {
                throw new IllegalArgumentException("at least two doublings are needed to judge a trend, was " + count);
            }
            this.doublings = count;
            return this;
        }

        public Builder limit(double growthPerDoubling) {
            this.limit = growthPerDoubling;
            return this;
        }

        public Builder minMillis(long millis) {
            this.minMillis = millis;
            return this;
        }

        public Builder capMillis(long millis) {
            this.capMillis = millis;
            return this;
        }

        public Builder repetitions(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("repetitions must be at least 1");
            }
            this.repetitions = count;
            return this;
        }

        /**
         * Measures {@code operation} on {@code input.apply(size)} and throws an {@link AssertionError} with the table
         * when it grows faster than the limit. Inputs are built before timing; only the operation is timed.
         */
        public <T> Result check(IntFunction<T> input, Function<T, ?> operation) {
            Result r = measure(input, operation);
            if (r.medianRatio() > limit && r.slope() > limit) {
                throw new AssertionError("time grows faster than linearly (more than " + limit + "x per doubling): " + r);
            }
            return r;
        }

        /** Measures without judging: for recording figures. */
        public <T> Result measure(IntFunction<T> input, Function<T, ?> operation) {
            // warm-up: the JIT compiles the operation's paths on small inputs, for a bounded time
            T small = input.apply(startSize);
            long warmEnd = System.nanoTime() + 300_000_000L;
            for (int i = 0; i < 200 && System.nanoTime() < warmEnd; i++) {
                sink(operation.apply(small));
            }
            int size = startSize;
            T calibrating = small;
            while ((long) size << (doublings + 1) <= maxSize) {
                double ms = time(calibrating, operation);
                if (ms >= minMillis || ms > capMillis / 4.0) {
                    break;
                }
                size *= 2;
                calibrating = input.apply(size);
            }
            calibrating = null;
            List<Integer> sizes = new ArrayList<>();
            List<T> inputs = new ArrayList<>();
            for (int i = 0, s = size; i <= doublings; i++, s *= 2) {
                sizes.add(s);
                inputs.add(input.apply(s));
            }
            double[] best = new double[sizes.size()];
            Arrays.fill(best, Double.MAX_VALUE);
            int measured = sizes.size();
            boolean prove = Boolean.getBoolean(PROVE_PROPERTY);
            for (int rep = 0; rep < repetitions; rep++) {
                for (int i = 0; i < measured; i++) {
                    int times = prove ? 1 << i : 1;
                    double ms = time(inputs.get(i), in -> {
                        Object last = null;
                        for (int t = 0; t < times; t++) {
                            last = operation.apply(in);
                        }
                        return last;
                    });
                    best[i] = Math.min(best[i], ms);
                    if (ms > capMillis) {
                        // larger sizes would only take longer; judge on what is measured
                        measured = i + 1;
                        break;
                    }
                }
            }
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < measured; i++) {
                millis.add(best[i]);
            }
            if (measured < 3) {
                double ratio = measured == 2 ? millis.get(1) / millis.get(0) : Double.POSITIVE_INFINITY;
                return new Result(what, sizes.subList(0, measured), millis, ratio, ratio);
            }
            double[] ratios = new double[measured - 1];
            for (int i = 1; i < measured; i++) {
                ratios[i - 1] = millis.get(i) / Math.max(1e-6, millis.get(i - 1));
            }
            double slope = Math.pow(millis.get(measured - 1) / Math.max(1e-6, millis.get(0)), 1.0 / (measured - 1));
            double[] sorted = ratios.clone();
            Arrays.sort(sorted);
            double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                    : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
            return new Result(what, sizes.subList(0, measured), millis, median, slope);
        }

        private static <T> double time(T input, Function<T, ?> operation) {
            // the garbage of the run before is not this run's cost
            System.gc();
            long start = now();
            Object out = operation.apply(input);
            long nanos = now() - start;
            sink(out);
            return nanos / 1e6;
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean CPU_TIME = THREADS.isCurrentThreadCpuTimeSupported();

    /**
     * The measuring thread's CPU time where the JVM offers it: time the thread waits for a core that other builds
     * hold, and the collector's pauses (whose cost grows with the live heap, not with the parser's work), are not
     * counted. Wall-clock time otherwise.
     */
    private static long now() {
        return CPU_TIME ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    /** Keeps results alive so the JIT cannot drop the work that produced them. */
    private static volatile int sunk;

    private static void sink(Object result) {
        sunk += result == null ? 0 : System.identityHashCode(result);
    }
}
