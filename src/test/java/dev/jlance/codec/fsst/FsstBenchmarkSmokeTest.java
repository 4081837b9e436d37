package dev.jlance.codec.fsst;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlance.bench.FsstBenchmark;
import dev.jlance.memory.OffHeapArena;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs each FSST benchmark method once, so the benchmark cannot rot unnoticed. */
class FsstBenchmarkSmokeTest {

    @Test
    void everyBenchmarkRunsOnce() {
        for (FsstCorpus.Kind kind : FsstCorpus.Kind.values()) {
            for (String kernel : new String[] {"vector", "scalar"}) {
                FsstBenchmark b = new FsstBenchmark();
                b.kind = kind;
                b.kernel = kernel;
                b.bytes = 50_000;
                b.setUp();
                FsstBenchmark.Throughput t = new FsstBenchmark.Throughput();
                long size = b.compress(t);
                assertTrue(size > 0 && size < 50_000, kind + " " + kernel + ": " + size);
                assertTrue(t.megabytes > 0.04);
                assertTrue(b.train().size() > 0);
                b.tearDown();
            }
        }
        assertEquals(List.of(), OffHeapArena.openArenas());
    }
}
