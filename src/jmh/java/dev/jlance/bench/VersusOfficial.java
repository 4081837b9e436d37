package dev.jlance.bench;

import dev.jlance.bench.data.GeneratedData;
import dev.jlance.file.WriteOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.apache.arrow.memory.BufferAllocator;

/**
 * jlance against the official writer, measured in pairs: the same dataset written by each, one
 * right after the other in one JVM, the order swapping from pair to pair. {@link DatasetWriteBenchmark}
 * runs each writer in forks of its own, minutes apart; on a virtual machine whose speed moves with
 * other guests' load, the ratio of those forks' medians moves with it (one run at b7a4eea gave
 * integers 1.71×, the next 2.22×). A pair runs within a fraction of a second, so each pair's ratio
 * sees one machine. The first half of the pairs warms both writers up and is not reported.
 *
 * <pre>
 * ./jlance versus DATASET[,DATASET...] [PAIRS] [--quick]
 * </pre>
 */
public final class VersusOfficial {

    private VersusOfficial() {
    }

    /** Milliseconds per pair for each writer, and the size of the last file each wrote. */
    record Pairs(double[] jlance, double[] official, long jlanceBytes, long officialBytes) {

        /** Each pair's speed-up from {@code from} on: official's time over jlance's. */
        double[] speedUps(int from) {
            double[] r = new double[jlance.length - from];
            for (int i = from; i < jlance.length; i++) {
                r[i - from] = official[i] / jlance[i];
            }
            return r;
        }

        String summary(String dataset, long arrowBytes) {
            int from = jlance.length / 2;
            double[] s = speedUps(from);
            double j = Quantiles.of(Arrays.copyOfRange(jlance, from, jlance.length), 0.5);
            double o = Quantiles.of(Arrays.copyOfRange(official, from, official.length), 0.5);
            return String.format(Locale.ROOT,
                    "%s, pairs %d-%d: jlance %.1f ms (%,.0f MB/s), official %.1f ms (%,.0f MB/s) (medians);"
                            + " speed-up %.2fx (median of the pairs; quartiles %.2f, %.2f); file %,d against %,d bytes"
                            + " (%.4fx)",
                    dataset, from + 1, jlance.length, j, arrowBytes / 1e3 / j, o, arrowBytes / 1e3 / o,
                    Quantiles.of(s, 0.5), Quantiles.of(s, 0.25), Quantiles.of(s, 0.75), jlanceBytes, officialBytes,
                    (double) jlanceBytes / officialBytes);
        }
    }

    /** Writes {@code data} {@code pairs} times with each writer, alternating, into scratch files in {@code dir}. */
    static Pairs measure(GeneratedData data, BufferAllocator allocator, int pairs, Path dir) throws Exception {
        if (pairs < 2) {
            throw new IllegalArgumentException("at least 2 pairs (the first half only warms up): " + pairs);
        }
        double[] ours = new double[pairs];
        double[] theirs = new double[pairs];
        long[] bytes = new long[2];
        Path out = dir.resolve("versus-official.lance");
        for (int i = 0; i < pairs; i++) {
            for (int k = 0; k < 2; k++) {
                boolean jlanceNow = (k == 0) == (i % 2 == 0);
                long start = System.nanoTime();
                if (jlanceNow) {
                    DatasetWrites.jlance(data, out, WriteOptions.defaults());
                } else {
                    DatasetWrites.official(data, allocator, out);
                }
                double ms = (System.nanoTime() - start) / 1e6;
                bytes[jlanceNow ? 0 : 1] = Files.size(out);
                Files.delete(out);
                (jlanceNow ? ours : theirs)[i] = ms;
            }
        }
        return new Pairs(ours, theirs, bytes[0], bytes[1]);
    }

    public static void main(String[] args) throws Exception {
        PairedRunArgs.runEach("versus", args, (data, allocator, pairs, dir) ->
                measure(data, allocator, pairs, dir).summary(data.dataset().name(), data.arrowBytes()));
    }
}
