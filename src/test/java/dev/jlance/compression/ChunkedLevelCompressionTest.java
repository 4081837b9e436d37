package dev.jlance.compression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jlance.codec.FlatCodec;
import dev.jlance.codec.OutOfLineBitpackingCodec;
import dev.jlance.data.BlockStatistics;
import dev.jlance.data.FixedWidthBlock;
import dev.jlance.memory.LanceBuffer;
import dev.jlance.memory.OffHeapArena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A page's levels compressed chunk by chunk into one buffer must hold, chunk for chunk, exactly
 * what compressing each chunk's slice on its own gives: the bytes the reader was tested against.
 */
class ChunkedLevelCompressionTest {

    private static final long[][] CUTS = {
        {}, {1}, {1024}, {1023, 1, 1025}, {0, 5, 0, 7}, {3000, 2048, 17}, {4095, 4097, 1},
        {600, 600, 600, 600, 600, 600, 600}, {1000, 600, 900, 300}, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13}
    };

    @Test
    void everyLevelCompressorCutsAsSliceBySlice() {
        SplittableRandom r = new SplittableRandom(21);
        try (OffHeapArena arena = OffHeapArena.open("chunked levels test")) {
            for (long[] cut : CUTS) {
                long n = 0;
                for (long c : cut) {
                    n += c;
                }
                for (int maxLevel : new int[] {0, 1, 3, 6, 255, 65535}) {
                    MemorySegment levels = arena.allocate(Math.max(2, n * 2));
                    for (long i = 0; i < n; i++) {
                        // mostly small levels with rare peaks, as definition levels are
                        int v = r.nextInt(10) == 0 ? r.nextInt(maxLevel + 1) : Math.min(maxLevel, r.nextInt(2));
                        levels.setAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, i, (short) v);
                    }
                    FixedWidthBlock block = new FixedWidthBlock(new LanceBuffer(levels.asSlice(0, n * 2)), 16, n);
                    List<BlockCompressor> compressors = new ArrayList<>(List.of(FlatCodec.INSTANCE,
                            OutOfLineBitpackingCodec.forStatistics(new BlockStatistics(block, 0))));
                    for (int width = 0; width <= 16; width += 5) {
                        if (width >= 32 - Integer.numberOfLeadingZeros(maxLevel)) {
                            compressors.add(new OutOfLineBitpackingCodec(width));
                        }
                    }
                    if (n <= 1024) {
                        compressors.add(LevelRule.choose(new BlockStatistics(block, 0)));
                    }
                    for (BlockCompressor compressor : compressors) {
                        String what = compressor + " on " + java.util.Arrays.toString(cut) + " up to " + maxLevel;
                        // the ends array is longer than needed and holds garbage, as a reused one does
                        long[] ends = new long[cut.length + 3];
                        java.util.Arrays.fill(ends, -5);
                        ChunkedBlocks chunked = compressor.compressChunks(block, cut, cut.length, ends, arena);
                        assertEquals(cut.length, chunked.numChunks(), what);
                        long first = 0;
                        for (int c = 0; c < cut.length; c++) {
                            FixedWidthBlock slice = new FixedWidthBlock(
                                    new LanceBuffer(levels.asSlice(first * 2, cut[c] * 2)), 16, cut[c]);
                            BlockCompressed alone = compressor.compressBlock(slice, arena);
                            assertEquals(alone.encoding(), chunked.encoding(), what);
                            assertArrayEquals(alone.data().toArray(ValueLayout.JAVA_BYTE),
                                    chunked.data().asSlice(chunked.start(c), chunked.size(c))
                                            .toArray(ValueLayout.JAVA_BYTE), what + ", chunk " + c);
                            first += cut[c];
                        }
                    }
                }
            }
        }
    }

    @Test
    void chunksMustCoverTheBlock() {
        try (OffHeapArena arena = OffHeapArena.open("chunked levels test")) {
            MemorySegment levels = arena.allocate(200);
            FixedWidthBlock block = new FixedWidthBlock(new LanceBuffer(levels), 16, 100);
            for (BlockCompressor c : List.of(FlatCodec.INSTANCE, new OutOfLineBitpackingCodec(3))) {
                assertThrows(IllegalArgumentException.class,
                        () -> c.compressChunks(block, new long[] {50, 49}, 2, new long[2], arena), c.toString());
            }
        }
    }
}
