package dev.jlance.bench;

import java.util.Arrays;

/** Quantiles of the small samples the paired measurements report. */
final class Quantiles {

    private Quantiles() {
    }

    /** The value at rank {@code q} (0 to 1) of {@code values}, nearest rank; {@code values} is not changed. */
    static double of(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.round(q * (sorted.length - 1))];
    }
}
