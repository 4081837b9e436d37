package dev.jlance.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlance.memory.OffHeapArena;
import dev.jlance.simd.BitPacking;
import dev.jlance.simd.ScalarBitPacking;
import dev.jlance.simd.ScalarFsstKernels;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/** The parallel-ceiling benchmark does the work it names, on both of its methods. */
class ParallelCeilingBenchmarkTest {

    private static ParallelCeilingBenchmark opened(String work) {
        ParallelCeilingBenchmark benchmark = new ParallelCeilingBenchmark();
        benchmark.work = work;
        benchmark.setUp();
        return benchmark;
    }

    @Test
    void aluIsDeterministicAndDependsOnTheRounds() {
        ParallelCeilingBenchmark benchmark = opened("alu");
        try {
            long one = benchmark.oneThread();
            assertEquals(one, benchmark.twoThreads());
            assertEquals(one, ParallelCeilingBenchmark.alu(ParallelCeilingBenchmark.ALU_ROUNDS));
            assertNotEquals(one, ParallelCeilingBenchmark.alu(ParallelCeilingBenchmark.ALU_ROUNDS - 1));
        } finally {
            benchmark.tearDown();
        }
    }

    /** The FSST operation compresses all 256 KiB of text, to the bytes the scalar twin writes. */
    @Test
    void fsstCompressesTheWholeTextLikeTheScalarTwin() {
        ParallelCeilingBenchmark benchmark = opened("fsst");
        try {
            long raw = benchmark.text.offset(benchmark.text.numValues());
            assertTrue(raw >= ParallelCeilingBenchmark.TEXT_BYTES, "text bytes " + raw);
            long size = benchmark.oneThread();
            assertEquals(size, benchmark.twoThreads());
            assertTrue(size > 0 && size < raw, "compressed " + size + " of " + raw);
            try (OffHeapArena arena = OffHeapArena.open("ceiling test")) {
                MemorySegment codes = arena.allocate(benchmark.codes.byteSize());
                MemorySegment offsets = arena.allocate(benchmark.codeOffsets.byteSize());
                long expected = new ScalarFsstKernels().compress(benchmark.tables, benchmark.text.data().segment(),
                        benchmark.text.offsets().segment(), 4, benchmark.text.numValues(), codes, offsets);
                assertEquals(expected, size);
                assertEquals(-1, codes.asSlice(0, size).mismatch(benchmark.codes.asSlice(0, size)));
                assertEquals(-1, offsets.mismatch(benchmark.codeOffsets));
            }
        } finally {
            benchmark.tearDown();
        }
    }

    /** The bit-packing operation packs every block, as the scalar twin does. */
    @Test
    void bitpackPacksEveryBlockLikeTheScalarTwin() {
        ParallelCeilingBenchmark benchmark = opened("bitpack");
        try {
            benchmark.oneThread();
            try (OffHeapArena arena = OffHeapArena.open("ceiling test")) {
                long packedBytes = BitPacking.packedBytes(ParallelCeilingBenchmark.PACK_BITS);
                MemorySegment expected = arena.allocate(ParallelCeilingBenchmark.PACK_BLOCKS * packedBytes);
                ScalarBitPacking scalar = new ScalarBitPacking();
                for (int b = 0; b < ParallelCeilingBenchmark.PACK_BLOCKS; b++) {
                    scalar.pack(64, ParallelCeilingBenchmark.PACK_BITS, benchmark.values,
                            b * (long) BitPacking.BLOCK_VALUES * Long.BYTES, expected, b * packedBytes);
                }
                assertEquals(expected.byteSize(), benchmark.packed.byteSize());
                assertEquals(-1, expected.mismatch(benchmark.packed));
                benchmark.packed.fill((byte) 0);
                benchmark.twoThreads();
                assertEquals(-1, expected.mismatch(benchmark.packed));
            }
        } finally {
            benchmark.tearDown();
        }
    }

    @Test
    void unknownWorkIsRefusedByName() {
        ParallelCeilingBenchmark benchmark = new ParallelCeilingBenchmark();
        benchmark.work = "copy";
        var e = assertThrows(IllegalArgumentException.class, benchmark::setUp);
        assertTrue(e.getMessage().contains("copy"), e.getMessage());
    }
}
