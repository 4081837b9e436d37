package dev.jlance.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jlance.compression.MiniBlockCompressed;
import dev.jlance.data.VariableWidthBlock;
import dev.jlance.memory.LanceBuffer;
import dev.jlance.memory.Layouts;
import dev.jlance.memory.OffHeapArena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

class VariableCodecTest {

    private static VariableWidthBlock block(OffHeapArena arena, int[] lengths, int bits) {
        int w = bits / 8;
        MemorySegment offsets = arena.allocate((long) (lengths.length + 1) * w);
        long total = 0;
        for (int i = 0; i < lengths.length; i++) {
            total += lengths[i];
            if (w == 4) {
                offsets.setAtIndex(Layouts.U32, i + 1, (int) total);
            } else {
                offsets.setAtIndex(Layouts.U64, i + 1, total);
            }
        }
        MemorySegment data = arena.allocate(total);
        for (long i = 0; i < total; i++) {
            data.set(Layouts.U8, i, (byte) ('a' + i % 26));
        }
        return new VariableWidthBlock(new LanceBuffer(offsets), new LanceBuffer(data), bits, lengths.length);
    }

    @Test
    void emptyStringsStopAtTheOffsetBudget() {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            // 1025 offsets of 4 bytes exceed 4096: the doubling that fails (1024 values) is still taken.
            VariableWidthBlock b = block(arena, new int[3000], 32);
            assertEquals(1024, VariableCodec.nextChunkEnd(b, 0, 4));
            MiniBlockCompressed c = VariableCodec.INSTANCE.compressMiniBlock(b, arena);
            assertEquals(3, c.chunks().size());
            assertEquals(10, c.chunks().get(0).logNumValues());
            assertEquals(0, c.chunks().get(2).logNumValues());
            assertEquals(1025 * 4, c.chunks().get(0).bufferSize(0));
        }
    }

    @Test
    void restThatFitsIsOneLastChunk() {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            VariableWidthBlock b = block(arena, new int[] {3, 0, 0, 5}, 32);
            MiniBlockCompressed c = VariableCodec.INSTANCE.compressMiniBlock(b, arena);
            assertEquals(1, c.chunks().size());
            MemorySegment buf = c.buffers().getFirst();
            // Offsets are rebased to point past the 5 offsets (20 bytes) of the chunk.
            assertEquals(20, buf.getAtIndex(Layouts.U32, 0));
            assertEquals(23, buf.getAtIndex(Layouts.U32, 1));
            assertEquals(28, buf.getAtIndex(Layouts.U32, 4));
            assertEquals(28, c.chunks().getFirst().bufferSize(0));
        }
    }

    @Test
    void longValuesOverflowAimOnce() {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            int[] lens = new int[100];
            java.util.Arrays.fill(lens, 255);
            VariableWidthBlock b = block(arena, lens, 64);
            // 8 values: 2040 + 72 fit; 16 values: 4080 + 136 do not, and are taken.
            assertEquals(16, VariableCodec.nextChunkEnd(b, 0, 8));
            MiniBlockCompressed c = VariableCodec.INSTANCE.compressMiniBlock(b, arena);
            assertEquals(4, c.chunks().get(0).logNumValues());
            assertEquals(100, c.numValues());
            long padded = (17 * 8 + 16 * 255 + 7) / 8 * 8;
            assertEquals(padded, c.chunks().get(0).bufferSize(0), "padded to the 8-byte offset width with 'H'");
        }
    }

    @Test
    void theDoublingThatOverflowsIsTakenEvenWhenFarOver() {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            // Two values fit (512 bytes); four do not (9521), and Lance takes the four anyway.
            VariableWidthBlock b = block(arena, new int[] {250, 250, 9000, 1, 7}, 32);
            assertEquals(4, VariableCodec.nextChunkEnd(b, 0, 4));
            // From value 4 the rest (one value) fits: the last chunk.
            assertEquals(5, VariableCodec.nextChunkEnd(b, 4, 4));
            // From value 2 two values do not fit and do not reach the end: they are taken.
            assertEquals(4, VariableCodec.nextChunkEnd(b, 2, 4));
        }
    }
}
