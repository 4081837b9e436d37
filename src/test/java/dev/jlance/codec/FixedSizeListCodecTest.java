package dev.jlance.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jlance.compression.MiniBlockCompressed;
import dev.jlance.compression.PerValueCompressed;
import dev.jlance.data.FixedSizeListBlock;
import dev.jlance.data.FixedWidthBlock;
import dev.jlance.data.NullableBlock;
import dev.jlance.format.CompressiveEncodings;
import dev.jlance.memory.LanceBuffer;
import dev.jlance.memory.OffHeapArena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Chunking and zipping of fixed-size lists, on numbers read from official Lance 7.0.0 files
 * (the byte-for-byte comparisons are in the conformance tests).
 */
class FixedSizeListCodecTest {

    private OffHeapArena arena;

    @BeforeEach
    void open() {
        arena = OffHeapArena.open("FixedSizeListCodecTest");
    }

    @AfterEach
    void close() {
        arena.close();
    }

    private FixedSizeListBlock floats(long rows, int d, boolean itemValidity) {
        long items = rows * d;
        FixedWidthBlock values = new FixedWidthBlock(new LanceBuffer(arena.allocate(items * 4)), 32, items);
        if (!itemValidity) {
            return new FixedSizeListBlock(values, d);
        }
        MemorySegment validity = arena.allocate((items + 7) / 8);
        validity.fill((byte) 0b1101_1111);
        return new FixedSizeListBlock(new NullableBlock(values, new LanceBuffer(validity)), d);
    }

    /** Rows per chunk observed in official files: validity counts ceil(items/8) bytes a row. */
    @Test
    void rowsPerChunk() {
        assertEquals(9, FixedSizeListCodec.logRowsPerChunk(3 * 4 + 1, 1), "fsl<f32, 3> with item nulls: 512");
        assertEquals(6, FixedSizeListCodec.logRowsPerChunk(17 * 4 + 3, 1), "fsl<f32, 17> with item nulls: 64");
        assertEquals(4, FixedSizeListCodec.logRowsPerChunk(375, 1), "fsl<bool, 3000>: 16");
        assertEquals(8, FixedSizeListCodec.logRowsPerChunk(24 + 4, 1), "fsl<fsl<fsl<i16,2>,3>,2>, 3 validity layers: 256");
        assertEquals(11, FixedSizeListCodec.logRowsPerChunk(2, 1), "fsl<i8, 2>: 2048 rows of 2 bytes");
        // 2047 booleans with nulls: official Lance panics; jlance keeps the smallest chunk, 8 rows
        assertEquals(3, FixedSizeListCodec.logRowsPerChunk(256 * 8 + 2047, 8));
    }

    @Test
    void miniBlockCutsValidityPerChunk() {
        FixedSizeListBlock block = floats(5000, 3, true);
        MiniBlockCompressed c = FixedSizeListCodec.INSTANCE.compressMiniBlock(block, arena);
        assertEquals(2, c.buffers().size());
        assertEquals(10, c.chunks().size());
        for (int i = 0; i < 9; i++) {
            assertEquals(9, c.chunks().get(i).logNumValues());
            assertEquals(192, c.chunks().get(i).bufferSize(0), "512 rows x 3 items = 1536 bits");
            assertEquals(6144, c.chunks().get(i).bufferSize(1));
        }
        assertEquals(0, c.chunks().getLast().logNumValues());
        assertEquals((392 * 3 + 7) / 8, c.chunks().getLast().bufferSize(0));
        assertEquals(392 * 12, c.chunks().getLast().bufferSize(1));
        assertEquals(CompressiveEncodings.fixedSizeList(3, true, CompressiveEncodings.flat(32)), c.encoding());
    }

    @Test
    void fullZipPutsEachRowsValidityFirst() {
        FixedSizeListBlock block = floats(3, 128, true);
        PerValueCompressed.Fixed z = (PerValueCompressed.Fixed) FixedSizeListCodec.INSTANCE.compressPerValue(block, arena);
        assertEquals(4224, z.data().bitsPerValue(), "16 validity bytes + 512 data bytes, as official writes");
        byte[] row = z.data().data().segment().asSlice(528, 16).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
        byte[] expected = new byte[16];
        Arrays.fill(expected, (byte) 0b1101_1111);
        assertEquals(Arrays.toString(expected), Arrays.toString(row));
        PerValueCompressed.Fixed plain = (PerValueCompressed.Fixed) FixedSizeListCodec.INSTANCE
                .compressPerValue(floats(3, 128, false), arena);
        assertEquals(4096, plain.data().bitsPerValue());
        assertEquals(CompressiveEncodings.fixedSizeList(128, false, CompressiveEncodings.flat(32)), plain.encoding());
    }

    @Test
    void nestedEncodingMarksEachLayer() {
        long rows = 4;
        FixedWidthBlock values = new FixedWidthBlock(new LanceBuffer(arena.allocate(rows * 6 * 2)), 16, rows * 6);
        MemorySegment v1 = arena.allocate(3);
        v1.fill((byte) -1);
        FixedSizeListBlock inner = new FixedSizeListBlock(values, 2);
        FixedSizeListBlock outer = new FixedSizeListBlock(new NullableBlock(inner, new LanceBuffer(v1)), 3);
        PerValueCompressed.Fixed z = (PerValueCompressed.Fixed) FixedSizeListCodec.INSTANCE.compressPerValue(outer, arena);
        assertEquals((1 + 12) * 8, z.data().bitsPerValue());
        assertEquals(CompressiveEncodings.fixedSizeList(3, true, CompressiveEncodings.fixedSizeList(2, false,
                CompressiveEncodings.flat(16))), z.encoding());
    }
}
