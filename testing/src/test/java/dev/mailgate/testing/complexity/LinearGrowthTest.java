package dev.mailgate.testing.complexity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The check passes linear and n log n work and fails quadratic work, the shape it exists to catch. */
class LinearGrowthTest {
    @Test
    void linearAndSortingPass() {
        LinearGrowth.Result linear = LinearGrowth.of("sum").startSize(1 << 16).check(LinearGrowthTest::longs, LinearGrowthTest::sum);
        assertThat(linear.medianRatio()).isLessThan(LinearGrowth.DEFAULT_LIMIT);
        LinearGrowth.Result sort = LinearGrowth.of("sort").startSize(1 << 14).check(LinearGrowthTest::longs, a -> {
            long[] copy = a.clone();
            Arrays.sort(copy);
            return copy[copy.length / 2];
        });
        assertThat(sort.sizes()).hasSize(4);
    }

    @Test
    void quadraticFails() {
        assertThatThrownBy(() -> LinearGrowth.of("all pairs").startSize(256).check(LinearGrowthTest::longs, a -> {
            long pairs = 0;
            for (long x : a) {
                for (long y : a) {
                    pairs += x < y ? 1 : 0;
                }
            }
            return pairs;
        })).isInstanceOf(AssertionError.class).hasMessageContaining("grows faster than linearly").hasMessageContaining("all pairs");
    }

    private static long[] longs(int n) {
        long[] a = new long[n];
        long x = 18;
        for (int i = 0; i < n; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            a[i] = x;
        }
        return a;
    }

    private static long sum(long[] a) {
        long s = 0;
        for (long x : a) {
            s += x;
        }
        return s;
    }
}
