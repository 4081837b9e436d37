package dev.jlance.bench.data;

/**
 * A small, fully specified random generator (SplitMix64) for the benchmark datasets. Every method is
 * defined here, on top of {@link StrictMath}, rather than borrowed from {@code java.util} or
 * {@code Math}, whose algorithms and intrinsics may change between JDKs and CPUs: a dataset must be
 * the same bytes on every run and every machine, or sizes measured on different days do not compare.
 */
public final class Rng {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private long state;
    private double spareGaussian = Double.NaN;

    /** One independent stream per (seed, stream): a dataset's seed and a column's index, say. */
    public Rng(long seed, long stream) {
        state = mix(seed * 0xD1B54A32D192ED03L + mix(stream + GOLDEN));
    }

    public long nextLong() {
        state += GOLDEN;
        return mix(state);
    }

    /** Uniform in [0, 1), 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound) for 0 < bound (multiply-shift; the bias is under 2^-32). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }

    /** Uniform in [from, to], both inclusive. */
    public long nextLong(long from, long to) {
        long span = to - from + 1;
        if (span <= 0) {
            throw new IllegalArgumentException("empty or too wide range: " + from + ".." + to);
        }
        return from + Math.floorMod(nextLong(), span);
    }

    public boolean chance(double probability) {
        return nextDouble() < probability;
    }

    /** Standard normal, by the Box–Muller transform (two values per pair of draws). */
    public double nextGaussian() {
        if (!Double.isNaN(spareGaussian)) {
            double g = spareGaussian;
            spareGaussian = Double.NaN;
            return g;
        }
        double u1 = 1.0 - nextDouble(); // (0, 1]: log is finite
        double u2 = nextDouble();
        double r = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
        spareGaussian = r * StrictMath.sin(2 * StrictMath.PI * u2);
        return r * StrictMath.cos(2 * StrictMath.PI * u2);
    }

    /** Log-normal with the given median and log-space standard deviation. */
    public double nextLogNormal(double median, double sigma) {
        return median * StrictMath.exp(sigma * nextGaussian());
    }

    /** Exponential with the given mean. */
    public double nextExponential(double mean) {
        return -mean * StrictMath.log(1.0 - nextDouble());
    }

    public <T> T pick(T[] choices) {
        return choices[nextInt(choices.length)];
    }

    /** SplitMix64's finalizer. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
