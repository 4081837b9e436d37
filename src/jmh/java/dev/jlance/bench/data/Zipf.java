package dev.jlance.bench.data;

import java.util.Arrays;

/**
 * Zipf's law over ranks {@code 0 .. n-1}: rank k is drawn with probability proportional to
 * {@code 1 / (k + 1)^exponent}, the shape of word frequencies, user activity, popular pages. Sampled by
 * binary search in the cumulative distribution, which is exact and deterministic.
 */
public final class Zipf {

    private final double[] cumulative;

    public Zipf(int n, double exponent) {
        if (n <= 0) {
            throw new IllegalArgumentException("n must be positive: " + n);
        }
        cumulative = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += 1.0 / StrictMath.pow(k + 1, exponent);
            cumulative[k] = sum;
        }
        for (int k = 0; k < n; k++) {
            cumulative[k] /= sum;
        }
        cumulative[n - 1] = 1.0;
    }

    public int size() {
        return cumulative.length;
    }

    /** A rank in {@code [0, n)}; small ranks are the frequent ones. */
    public int sample(Rng rng) {
        int i = Arrays.binarySearch(cumulative, rng.nextDouble());
        return i >= 0 ? Math.min(i + 1, cumulative.length - 1) : -i - 1;
    }

    /** One of {@code choices} (as many as this distribution has ranks), the first ones most often. */
    public <T> T pick(T[] choices, Rng rng) {
        if (choices.length != cumulative.length) {
            throw new IllegalArgumentException(choices.length + " choices for a Zipf over " + cumulative.length);
        }
        return choices[sample(rng)];
    }
}
