package dev.jlance.simd.panama;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlance.simd.ScalarFsstKernels;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/** Which pages the loaded FSST kernel hands to its lanes (their bytes are dueled in FsstKernelsTest). */
class PanamaFsstLanesTest {

    private static MemorySegment offsets(Arena arena, long... lengths) {
        MemorySegment o = arena.allocate((lengths.length + 1) * 8L);
        long at = 0;
        for (int i = 0; i < lengths.length; i++) {
            at += lengths[i];
            ScalarFsstKernels.putOffset(o, 8, i + 1, at);
        }
        return o;
    }

    private static long[] same(int count, long length) {
        long[] l = new long[count];
        java.util.Arrays.fill(l, length);
        return l;
    }

    @Test
    void longValuesGoToTheLanesAndShortOnesDoNot() {
        int lanes = PanamaSupport.LONGS.length();
        int enough = PanamaFsstLanes.MIN_VALUES_PER_LANE * lanes;
        try (Arena arena = Arena.ofConfined()) {
            assertTrue(PanamaFsstLanes.pays(offsets(arena, same(enough, 1000)), 8, 0, enough));
            assertTrue(PanamaFsstLanes.pays(offsets(arena, same(enough, PanamaFsstLanes.MIN_AVERAGE_VALUE_BYTES)), 8, 0,
                    enough));
            assertFalse(PanamaFsstLanes.pays(offsets(arena, same(enough, PanamaFsstLanes.MIN_AVERAGE_VALUE_BYTES - 1)),
                    8, 0, enough), "short values");
            assertFalse(PanamaFsstLanes.pays(offsets(arena, same(enough - 1, 10_000)), 8, 0, enough - 1),
                    "too few values");
            long over = PanamaFsstLanes.MAX_INPUT_BYTES / enough + 1;
            assertFalse(PanamaFsstLanes.pays(offsets(arena, same(enough, over)), 8, 0, enough), "over the copy's size");
            // a range of a page: only its own values count
            long[] mixed = new long[3 * enough];
            java.util.Arrays.fill(mixed, 0, enough, 10);
            java.util.Arrays.fill(mixed, enough, 3 * enough, 600);
            MemorySegment o = offsets(arena, mixed);
            assertFalse(PanamaFsstLanes.pays(o, 8, 0, enough));
            assertTrue(PanamaFsstLanes.pays(o, 8, enough, 2 * enough));
        }
    }
}
