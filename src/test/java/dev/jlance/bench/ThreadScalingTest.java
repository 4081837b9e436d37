package dev.jlance.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlance.bench.data.DatasetSize;
import dev.jlance.bench.data.Datasets;
import dev.jlance.bench.data.GeneratedData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The paired one-thread / two-thread measurement runs, cleans up, and reports the pairs it was asked for. */
class ThreadScalingTest {

    @Test
    void measuresEveryPairAndLeavesNoFileBehind(@TempDir Path dir) throws Exception {
        try (RootAllocator allocator = new RootAllocator();
                GeneratedData data = Datasets.named("nested").generate(DatasetSize.QUICK, allocator)) {
            ThreadScaling.Pairs pairs = ThreadScaling.measure(data, 3, dir);
            for (double[] times : new double[][] {pairs.oneThread(), pairs.twoThreads(), pairs.aluOne(),
                pairs.aluTwo()}) {
                assertEquals(3, times.length);
                for (double t : times) {
                    assertTrue(t > 0, "time " + t);
                }
            }
            assertEquals(2, pairs.speedUps(1).length);
            String summary = pairs.summary("nested");
            assertTrue(summary.startsWith("nested, pairs 2-3: "), summary);
            try (var left = Files.list(dir)) {
                assertEquals(0, left.count(), "scratch files left in " + dir);
            }
        }
    }

    @Test
    void ratiosArePerPair() {
        var pairs = new ThreadScaling.Pairs(new double[] {9, 100, 300}, new double[] {1, 50, 100},
                new double[] {5, 10, 10}, new double[] {5, 10, 20});
        assertArrayEquals(new double[] {2, 3}, pairs.speedUps(1), 1e-12);
        assertArrayEquals(new double[] {2, 1}, pairs.ceilings(1), 1e-12);
        assertEquals(2.0, Quantiles.of(new double[] {3, 1, 2}, 0.5));
        assertEquals(1.0, Quantiles.of(new double[] {3, 1, 2}, 0));
    }

    @Test
    void argumentsOfThePairedCommands() {
        PairedRunArgs run = PairedRunArgs.parse(new String[] {"integers,floats", "7", "--quick"});
        assertEquals(java.util.List.of("integers", "floats"), run.datasets());
        assertEquals(7, run.pairs());
        assertEquals(DatasetSize.QUICK, run.size());
        PairedRunArgs defaults = PairedRunArgs.parse(new String[] {"nested"});
        assertEquals(PairedRunArgs.DEFAULT_PAIRS, defaults.pairs());
        assertEquals(DatasetSize.DEFAULT, defaults.size());
        assertEquals(null, PairedRunArgs.parse(new String[0]));
        assertEquals(null, PairedRunArgs.parse(new String[] {"nested", "many"}));
        assertEquals(null, PairedRunArgs.parse(new String[] {"nested", "3", "4"}));
    }

    @Test
    void fewerThanTwoPairsAreRefused(@TempDir Path dir) throws Exception {
        try (RootAllocator allocator = new RootAllocator();
                GeneratedData data = Datasets.named("integers").generate(DatasetSize.QUICK, allocator)) {
            var e = assertThrows(IllegalArgumentException.class, () -> ThreadScaling.measure(data, 1, dir));
            assertTrue(e.getMessage().contains("2 pairs"), e.getMessage());
        }
    }
}
