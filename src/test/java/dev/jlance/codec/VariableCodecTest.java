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
            // 1025 offsets of 4 bytes exceed 4096: the last count that fit (512) is taken.
            VariableWidthBlock b = block(arena, new int[3000], 32);
            assertEquals(512, VariableCodec.nextChunkEnd(b, 0, 4));
            MiniBlockCompressed c = VariableCodec.INSTANCE.compressMiniBlock(b, arena);
            assertEquals(5, c.chunks().size(), "4 x 512, then the rest (952 values, 3812 bytes) fits one chunk");
            assertEquals(9, c.chunks().get(0).logNumValues());
            assertEquals(0, c.chunks().get(4).logNumValues(), "the last chunk says 0");
            assertEquals(513 * 4, c.chunks().get(0).bufferSize(0));
        }
    }

    @Test
    void miniChunkSizeMovesTheByteTarget() {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            // 20-byte values: 4 take 4*20 + 5*4 = 100 bytes, 8 would take 196
            int[] lengths = new int[100];
            java.util.Arrays.fill(lengths, 20);
            VariableWidthBlock b = block(arena, lengths, 32);
            MiniBlockCompressed small = VariableCodec.withChunkBytes(100).compressMiniBlock(b, arena);
            assertEquals(25, small.chunks().size());
            assertEquals(2, small.chunks().getFirst().logNumValues());
            // 32767 bytes hold all 100 values (2404 bytes) at once; the default 4096 does too
            assertEquals(1, VariableCodec.withChunkBytes(32767).compressMiniBlock(b, arena).chunks().size());
            assertEquals(VariableCodec.INSTANCE, VariableCodec.withChunkBytes(VariableCodec.AIM_CHUNK_BYTES));
            int[] longer = new int[2000];
            java.util.Arrays.fill(longer, 20);
            VariableWidthBlock big = block(arena, longer, 32);
            MiniBlockCompressed wide = VariableCodec.withChunkBytes(32767).compressMiniBlock(big, arena);
            assertEquals(1024, VariableCodec.nextChunkEnd(big, 0, 4, 32767), "1024 values take 24580 bytes");
            assertEquals(10, wide.chunks().getFirst().logNumValues());
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
    void longValuesStopBeforeTheAim() {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            int[] lens = new int[100];
            java.util.Arrays.fill(lens, 255);
            VariableWidthBlock b = block(arena, lens, 64);
            // 8 values: 2040 + 72 fit; 16 values: 4080 + 136 do not.
            assertEquals(8, VariableCodec.nextChunkEnd(b, 0, 8));
            MiniBlockCompressed c = VariableCodec.INSTANCE.compressMiniBlock(b, arena);
            assertEquals(3, c.chunks().get(0).logNumValues());
            assertEquals(100, c.numValues());
            long padded = (9 * 8 + 8 * 255 + 7) / 8 * 8;
            assertEquals(padded, c.chunks().get(0).bufferSize(0), "padded to the 8-byte offset width with 'H'");
        }
    }

    @Test
    void nullsBeforeLongValuesDoNotMakeHugeChunks() {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            // The case official Lance 7.0.0 was observed on: 300 empty slots, then 250-byte values.
            int[] lens = new int[600];
            java.util.Arrays.fill(lens, 300, 600, 250);
            VariableWidthBlock b = block(arena, lens, 32);
            assertEquals(256, VariableCodec.nextChunkEnd(b, 0, 4));
            assertEquals(288, VariableCodec.nextChunkEnd(b, 256, 4));
            assertEquals(304, VariableCodec.nextChunkEnd(b, 288, 4));
            assertEquals(320, VariableCodec.nextChunkEnd(b, 304, 4));
        }
    }

    @Test
    void aValueLargerThanTheAimIsAChunkOfItsOwn() {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            VariableWidthBlock b = block(arena, new int[] {250, 250, 9000, 1, 7}, 32);
            assertEquals(2, VariableCodec.nextChunkEnd(b, 0, 4));
            assertEquals(3, VariableCodec.nextChunkEnd(b, 2, 4));
            assertEquals(5, VariableCodec.nextChunkEnd(b, 3, 4));
        }
    }
}
