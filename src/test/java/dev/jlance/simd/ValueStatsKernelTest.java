package dev.jlance.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jlance.memory.Layouts;
import dev.jlance.memory.OffHeapArena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The loaded bit-width and run-count kernel against its scalar twin and a plain model, on
 * exact-size segments (so an over-read fails), every value width and the odd sizes.
 */
@Tag("kernels")
class ValueStatsKernelTest {

    private static final ValueStatsKernel SCALAR = new ScalarValueStatsKernel();
    private static final ValueStatsKernel LOADED = ValueStatsKernel.kernel();
    private static final int[] SIZES = {0, 1, 7, 8, 31, 1023, 1024, 1025, 4095, 4096, 4097};

    static Stream<Arguments> cases() {
        return Stream.of(8, 16, 32, 64).flatMap(bits -> java.util.Arrays.stream(SIZES)
                .mapToObj(n -> Arguments.of(bits, n)));
    }

    /** Values in runs of random length, random widths per stretch, negatives now and then. */
    private static MemorySegment values(OffHeapArena arena, int bits, int n, long seed) {
        MemorySegment s = arena.allocate((long) n * bits / 8);
        SplittableRandom r = new SplittableRandom(seed);
        long v = 0;
        for (int i = 0; i < n; i++) {
            if (r.nextInt(4) == 0) {
                int width = r.nextInt(bits + 1);
                v = width == 0 ? 0 : r.nextLong() >>> (64 - width);
                if (r.nextInt(20) == 0) {
                    v = -1 - r.nextInt(5);
                }
            }
            put(s, i, v, bits);
        }
        return s;
    }

    private static void put(MemorySegment s, long i, long v, int bits) {
        switch (bits) {
            case 8 -> s.set(Layouts.U8, i, (byte) v);
            case 16 -> s.setAtIndex(Layouts.U16, i, (short) v);
            case 32 -> s.setAtIndex(Layouts.U32, i, (int) v);
            default -> s.setAtIndex(Layouts.U64, i, v);
        }
    }

    @ParameterizedTest(name = "{0} bits, {1} values")
    @MethodSource("cases")
    void loadedMatchesScalarAndModel(int bits, int n) {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            for (long seed = 0; seed < 4; seed++) {
                MemorySegment s = values(arena, bits, n, seed * 31 + n);
                int chunks = (n + 1023) / 1024;
                byte[] want = new byte[chunks];
                byte[] got = new byte[chunks];
                long wantRuns = SCALAR.widthsAndRuns(bits, s, n, want);
                long gotRuns = LOADED.widthsAndRuns(bits, s, n, got);
                assertEquals(wantRuns, gotRuns, "runs");
                assertArrayEquals(want, got, "widths");
                // the model: plain loops over the values
                long runs = n == 0 ? 0 : 1;
                byte[] model = new byte[chunks];
                long prev = n == 0 ? 0 : ScalarValueStatsKernel.read(s, 0, bits);
                for (int i = 0; i < n; i++) {
                    long v = ScalarValueStatsKernel.read(s, i, bits);
                    model[i / 1024] = (byte) Math.max(model[i / 1024], 64 - Long.numberOfLeadingZeros(v));
                    if (i > 0 && v != prev) {
                        runs++;
                    }
                    prev = v;
                }
                assertEquals(runs, wantRuns);
                assertArrayEquals(model, want);
            }
        }
    }

    @Test
    void aRunEndingAtAChunkBoundaryAndConstantPages() {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            MemorySegment s = arena.allocate(2048 * 4L);
            for (int i = 0; i < 2048; i++) {
                s.setAtIndex(Layouts.U32, i, i < 1024 ? 5 : 6);
            }
            byte[] w = new byte[2];
            assertEquals(2, LOADED.widthsAndRuns(32, s, 2048, w));
            assertArrayEquals(new byte[] {3, 3}, w);
            MemorySegment zeros = arena.allocate(3000 * 8L);
            byte[] z = new byte[3];
            assertEquals(1, LOADED.widthsAndRuns(64, zeros, 3000, z));
            assertArrayEquals(new byte[] {0, 0, 0}, z);
        }
    }

    @Test
    void readsNoValueBeyondN() {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            MemorySegment s = arena.allocate(1000 * 4L);
            assertThrows(IndexOutOfBoundsException.class, () -> LOADED.widthsAndRuns(32, s, 1001, new byte[1]));
        }
    }
}
