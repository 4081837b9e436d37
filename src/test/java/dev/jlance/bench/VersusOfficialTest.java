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

/** The paired jlance / official measurement runs both writers, cleans up, and reports per-pair ratios. */
class VersusOfficialTest {

    @Test
    void timesBothWritersInEveryPairAndLeavesNoFileBehind(@TempDir Path dir) throws Exception {
        try (RootAllocator allocator = new RootAllocator();
                GeneratedData data = Datasets.named("integers").generate(DatasetSize.QUICK, allocator)) {
            VersusOfficial.Pairs pairs = VersusOfficial.measure(data, allocator, 3, dir);
            for (double[] times : new double[][] {pairs.jlance(), pairs.official()}) {
                assertEquals(3, times.length);
                for (double t : times) {
                    assertTrue(t > 0, "time " + t);
                }
            }
            assertTrue(pairs.jlanceBytes() > 0 && pairs.officialBytes() > 0, pairs.toString());
            assertEquals(2, pairs.speedUps(1).length);
            String summary = pairs.summary("integers", data.arrowBytes());
            assertTrue(summary.startsWith("integers, pairs 2-3: jlance "), summary);
            assertTrue(summary.contains("against " + String.format(java.util.Locale.ROOT, "%,d", pairs.officialBytes())),
                    summary);
            try (var left = Files.list(dir)) {
                assertEquals(0, left.count(), "scratch files left in " + dir);
            }
        }
    }

    @Test
    void speedUpsArePerPairOfficialOverJlance() {
        var pairs = new VersusOfficial.Pairs(new double[] {1, 10, 40}, new double[] {5, 30, 60}, 90, 100);
        assertArrayEquals(new double[] {3, 1.5}, pairs.speedUps(1), 1e-12);
        String summary = pairs.summary("x", 1_000_000);
        assertTrue(summary.contains("speed-up 3.00x (median of the pairs; quartiles 1.50, 3.00)"), summary);
        assertTrue(summary.contains("(0.9000x)"), summary);
    }

    @Test
    void fewerThanTwoPairsAreRefused(@TempDir Path dir) throws Exception {
        try (RootAllocator allocator = new RootAllocator();
                GeneratedData data = Datasets.named("floats").generate(DatasetSize.QUICK, allocator)) {
            var e = assertThrows(IllegalArgumentException.class, () -> VersusOfficial.measure(data, allocator, 1, dir));
            assertTrue(e.getMessage().contains("2 pairs"), e.getMessage());
        }
    }
}
