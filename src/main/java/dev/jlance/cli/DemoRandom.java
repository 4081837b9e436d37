package dev.jlance.cli;

/**
 * Reproducible randomness addressed by cell: {@link #cell(int, long)} positions the generator on one
 * (column, row), and the draws that follow depend only on the seed, the column and the row. The demo
 * data is therefore the same however the rows are split into batches.
 */
final class DemoRandom {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final long seed;
    private long state;

    DemoRandom(long seed) {
        this.seed = seed;
    }

    /** Positions the generator on the given cell; returns this for chaining. */
    DemoRandom cell(int column, long row) {
        long columnBase = mix(seed + (column + 1L) * 0xD1B54A32D192ED03L);
        state = mix(columnBase + row * GOLDEN);
        return this;
    }

    long nextLong() {
        state += GOLDEN;
        return mix(state);
    }

    /** Uniform in [0, 1). */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound), for 0 < bound <= 2^31 - 1. */
    int nextInt(int bound) {
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }

    /** True with the given probability. */
    boolean chance(double probability) {
        return nextDouble() < probability;
    }

    /** SplitMix64's finalizer: a bijection that scatters nearby inputs all over the 64-bit range. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
