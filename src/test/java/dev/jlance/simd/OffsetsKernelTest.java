package dev.jlance.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jlance.memory.Layouts;
import dev.jlance.memory.OffHeapArena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The loaded offsets kernel against its scalar twin, on exact-size segments so over-reads fail. */
@Tag("kernels")
class OffsetsKernelTest {

    private static final OffsetsKernel SCALAR = new ScalarOffsetsKernel();
    private static final OffsetsKernel LOADED = OffsetsKernel.kernel();

    private static MemorySegment offsets(OffHeapArena arena, int n, int width, long seed, int maxLen) {
        MemorySegment s = arena.allocate((n + 1L) * width);
        SplittableRandom rnd = new SplittableRandom(seed);
        long at = rnd.nextInt(1000);
        for (int i = 0; i <= n; i++) {
            if (width == 4) {
                s.setAtIndex(Layouts.U32, i, (int) at);
            } else {
                s.setAtIndex(Layouts.U64, i, at);
            }
            // mostly short values, a few long ones, and runs of empty values
            int kind = rnd.nextInt(10);
            at += kind == 0 ? rnd.nextInt(maxLen) : kind < 3 ? 0 : rnd.nextInt(16);
        }
        return s;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 8, 31, 1023, 1024, 1025, 4095, 4096, 4097, 8191, 8193, 12_289})
    void maxLengthMatchesScalar(int n) {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            for (long seed = 0; seed < 5; seed++) {
                MemorySegment o32 = offsets(arena, n, 4, seed, 1 << 20);
                assertEquals(SCALAR.maxLength32(o32, n), LOADED.maxLength32(o32, n), "n=" + n);
                MemorySegment o64 = offsets(arena, n, 8, seed, 1 << 30);
                assertEquals(SCALAR.maxLength64(o64, n), LOADED.maxLength64(o64, n), "n=" + n);
            }
            // the longest value last, where tails end
            if (n > 0) {
                MemorySegment o = offsets(arena, n, 4, 9, 4);
                o.setAtIndex(Layouts.U32, n, o.getAtIndex(Layouts.U32, n) + 123_456);
                assertEquals(SCALAR.maxLength32(o, n), LOADED.maxLength32(o, n));
                assertEquals(SCALAR.maxLength32(o, n) >= 123_456, true);
            }
        }
    }

    @Test
    void theLongestValueIsFoundOnEitherSideOfEveryBlockBoundary() {
        int n = 3 * 4096 + 5; // kernels may work in blocks of values: the max must survive every seam
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            for (int at : new int[] {0, 4095, 4096, 4097, 8191, 8192, 12_287, 12_288, n - 1}) {
                MemorySegment o32 = offsets(arena, n, 4, at, 4);
                MemorySegment o64 = offsets(arena, n, 8, at, 4);
                for (int i = at + 1; i <= n; i++) { // lengthen value `at` by 1000
                    o32.setAtIndex(Layouts.U32, i, o32.getAtIndex(Layouts.U32, i) + 1000);
                    o64.setAtIndex(Layouts.U64, i, o64.getAtIndex(Layouts.U64, i) + 1000);
                }
                long expected = o32.getAtIndex(Layouts.U32, at + 1) - o32.getAtIndex(Layouts.U32, at);
                assertEquals(expected, LOADED.maxLength32(o32, n), "longest at " + at);
                assertEquals(expected, SCALAR.maxLength32(o32, n), "longest at " + at);
                assertEquals(expected, LOADED.maxLength64(o64, n), "longest at " + at);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 8, 31, 1023, 1024, 1025, 4095, 4096, 4097, 8191, 8193, 12_289})
    void rebaseMatchesScalar(int count) {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            int first = 3;
            for (int width : new int[] {4, 8}) {
                MemorySegment src = offsets(arena, first + count - 1 + (count == 0 ? 1 : 0), width, count, 300);
                long available = src.byteSize() / width - first;
                long n = Math.min(count, available);
                MemorySegment want = arena.allocate(n * width + 5);
                MemorySegment got = arena.allocate(n * width + 5);
                if (width == 4) {
                    SCALAR.rebase32(src, first, want, 5, n, -77);
                    LOADED.rebase32(src, first, got, 5, n, -77);
                } else {
                    SCALAR.rebase64(src, first, want, 5, n, 1L << 40);
                    LOADED.rebase64(src, first, got, 5, n, 1L << 40);
                }
                assertEquals(-1, want.mismatch(got), "width " + width + " count " + count);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 1024})
    void readsNothingPastTheOffsets(int n) {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            MemorySegment o = offsets(arena, n - 1, 4, 1, 10);
            assertThrows(IndexOutOfBoundsException.class, () -> LOADED.maxLength32(o, n));
            MemorySegment dst = arena.allocate((n - 1L) * 4);
            assertThrows(IndexOutOfBoundsException.class, () -> LOADED.rebase32(o, 0, dst, 0, n, 1));
        }
    }
}
