package dev.jlance.repdef;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.Test;

class LevelScratchTest {

    /** Runs on a thread of its own, so this test's scratch starts empty whatever ran before. */
    private static void onFreshThread(Runnable body) throws Exception {
        ExecutorService one = Executors.newSingleThreadExecutor();
        try {
            one.submit(body).get();
        } finally {
            one.shutdown();
        }
    }

    @Test
    void arraysComeBackLongEnoughAndAreReused() throws Exception {
        onFreshThread(() -> {
            LevelScratch s = LevelScratch.get();
            for (int n : new int[] {0, 1, 63, 64, 65, 1000, 1 << 16, (1 << 16) + 1}) {
                short[] a = s.shorts(n);
                int[] b = s.ints(n);
                assertTrue(a.length >= n && b.length >= n, "length for " + n);
                s.give(a);
                s.give(b);
                assertSame(a, s.shorts(n), "the idle array is handed out again");
                assertSame(b, s.ints(n));
                s.give(a);
                s.give(b);
            }
            short[] small = s.shorts(10);
            assertTrue(small.length < 1000, "the smallest idle array that fits, not the longest");
        });
    }

    @Test
    void aThreadKeepsAtMost32MiBOfIdleArrays() throws Exception {
        onFreshThread(() -> {
            LevelScratch s = LevelScratch.get();
            for (int i = 0; i < 20; i++) {
                s.give(new int[1 << 21]); // 8 MiB each
                s.give(new short[(1 << 21) + i]);
                assertTrue(s.keptBytes() <= 32L << 20, "kept " + s.keptBytes());
            }
            int[] huge = new int[(32 << 20) / 4 + 1];
            s.give(huge);
            assertNotSame(huge, s.ints(huge.length), "an array over the limit is not kept");
            assertTrue(s.keptBytes() <= 32L << 20);
        });
    }
}
