package dev.jlance.simd.panama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jlance.memory.OffHeapArena;
import dev.jlance.simd.BitPacking;
import dev.jlance.simd.KernelProvider;
import dev.jlance.simd.ScalarBitPacking;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The switch from generic to unrolled code, per value and bit width, never changes a byte. */
@Tag("kernels")
class PanamaBitPackingTest {

    @Test
    void eachWidthMovesToUnrolledCodeAfterItsCount() {
        assumeTrue(KernelProvider.vectorized(), "kernels run scalar here");
        PanamaBitPacking k = new PanamaBitPacking(3);
        ScalarBitPacking scalar = new ScalarBitPacking();
        try (OffHeapArena arena = OffHeapArena.open("switch test")) {
            MemorySegment in = arena.allocate(8192);
            SplittableRandom random = new SplittableRandom(5);
            for (long i = 0; i < in.byteSize(); i++) {
                in.set(java.lang.foreign.ValueLayout.JAVA_BYTE, i, (byte) random.nextInt());
            }
            MemorySegment expected = arena.allocate(8192);
            MemorySegment actual = arena.allocate(8192);
            for (int call = 1; call <= 6; call++) {
                for (int t : new int[] {8, 16, 32, 64}) {
                    for (int w = 1; w <= t; w += 3) {
                        scalar.pack(t, w, in, 0, expected, 0);
                        k.pack(t, w, in, 0, actual, 0);
                        assertEquals(-1, expected.asSlice(0, BitPacking.packedBytes(w))
                                .mismatch(actual.asSlice(0, BitPacking.packedBytes(w))), "T=" + t + " W=" + w);
                        // The first three blocks were packed generically; from the fourth on, unrolled.
                        assertEquals(call >= 3, k.packsUnrolled(t, w), "after call " + call + " T=" + t + " W=" + w);
                    }
                }
            }
            assertFalse(k.packsUnrolled(32, 2), "an unused width stays generic");
        }
        assertTrue(new PanamaBitPacking.Unrolled().packsUnrolled(64, 64));
        assertFalse(new PanamaBitPacking.Generic().packsUnrolled(8, 1));
        assertThrows(IllegalArgumentException.class, () -> new PanamaBitPacking(-2));
    }
}
