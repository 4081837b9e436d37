package dev.jlance.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jlance.compression.MiniBlockCompressed;
import dev.jlance.data.FixedWidthBlock;
import dev.jlance.memory.LanceBuffer;
import dev.jlance.memory.OffHeapArena;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FlatCodecTest {

    /** Values per chunk official Lance uses (NOTES §7.1), for each width. */
    @ParameterizedTest
    @CsvSource({"1,12", "8,12", "16,11", "32,10", "64,9", "128,8", "256,7", "1600,5", "2040,5"})
    void valuesPerChunk(int bits, int log) {
        assertEquals(log, FlatCodec.logValuesPerChunk(bits));
    }

    @Test
    void tooWideForMiniBlock() {
        assertThrows(IllegalArgumentException.class, () -> FlatCodec.logValuesPerChunk(8 * 4096));
    }

    @Test
    void chunksAnUnevenPage() {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            long n = 2500;
            FixedWidthBlock block = new FixedWidthBlock(arena.allocateBuffer(n * 4), 32, n);
            MiniBlockCompressed c = FlatCodec.INSTANCE.compressMiniBlock(block, arena);
            assertEquals(3, c.chunks().size());
            assertEquals(10, c.chunks().get(0).logNumValues());
            assertEquals(10, c.chunks().get(1).logNumValues());
            assertEquals(0, c.chunks().get(2).logNumValues(), "the last, partial chunk says 0");
            assertArrayEquals(new int[] {452 * 4}, new int[] {c.chunks().get(2).bufferSize(0)});
        }
    }

    @Test
    void evenPageKeepsFullLogOnLastChunk() {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            FixedWidthBlock block = new FixedWidthBlock(arena.allocateBuffer(2048 * 8), 64, 2048);
            MiniBlockCompressed c = FlatCodec.INSTANCE.compressMiniBlock(block, arena);
            assertEquals(4, c.chunks().size());
            c.chunks().forEach(ch -> assertEquals(9, ch.logNumValues()));
        }
    }

    @Test
    void booleansChunkByBytes() {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            FixedWidthBlock block = new FixedWidthBlock(arena.allocateBuffer((5000 + 7) / 8), 1, 5000);
            MiniBlockCompressed c = FlatCodec.INSTANCE.compressMiniBlock(block, arena);
            assertEquals(2, c.chunks().size());
            assertEquals(512, c.chunks().get(0).bufferSize(0));
            assertEquals(625 - 512, c.chunks().get(1).bufferSize(0));
            assertEquals(904, c.chunkValues(1, 4096));
        }
    }

    @Test
    void rejectsVariableInput() {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            var v = new dev.jlance.data.VariableWidthBlock(arena.allocateBuffer(8), LanceBuffer.EMPTY, 32, 1);
            assertThrows(IllegalArgumentException.class, () -> FlatCodec.INSTANCE.compressMiniBlock(v, arena));
        }
    }
}
