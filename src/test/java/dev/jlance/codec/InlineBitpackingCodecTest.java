package dev.jlance.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jlance.compression.MiniBlockChunk;
import dev.jlance.compression.MiniBlockCompressed;
import dev.jlance.data.BlockStatistics;
import dev.jlance.data.FixedWidthBlock;
import dev.jlance.format.pb.Encodings21.CompressiveEncoding;
import dev.jlance.memory.LanceBuffer;
import dev.jlance.memory.Layouts;
import dev.jlance.memory.OffHeapArena;
import dev.jlance.simd.ScalarBitPacking;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Chunk sizes, header words, widths and round trips of {@code inline_bitpacking} mini-block chunks. */
@Tag("kernels")
class InlineBitpackingCodecTest {

    private OffHeapArena arena;

    @BeforeEach
    void open() {
        assertEquals(List.of(), OffHeapArena.openArenas(), "arenas leaked by an earlier test");
        arena = OffHeapArena.open("inline bit-packing test");
    }

    @AfterEach
    void close() {
        arena.close();
        assertEquals(List.of(), OffHeapArena.openArenas(), "the codec opened an arena of its own");
    }

    static long mask(int bits) {
        return bits == 64 ? -1L : (1L << bits) - 1;
    }

    static FixedWidthBlock block(OffHeapArena arena, int t, long[] values) {
        MemorySegment s = arena.allocate((long) values.length * (t / 8));
        for (int i = 0; i < values.length; i++) {
            InlineBitpackingCodec.writeWord(s, (long) i * (t / 8), t / 8, values[i]);
        }
        return new FixedWidthBlock(new LanceBuffer(s), t, values.length);
    }

    static long readWord(MemorySegment s, long offset, int t) {
        return switch (t) {
            case 8 -> s.get(Layouts.U8, offset) & 0xFFL;
            case 16 -> s.get(Layouts.U16, offset) & 0xFFFFL;
            case 32 -> s.get(Layouts.U32, offset) & 0xFFFF_FFFFL;
            default -> s.get(Layouts.U64, offset);
        };
    }

    /** Decodes the chunks as the reader does: header word, then one block unpacked and cut to the chunk's count. */
    static long[] decode(MiniBlockCompressed c, int t) {
        long[] out = new long[(int) c.numValues()];
        MemorySegment buffer = c.buffers().getFirst();
        ScalarBitPacking scalar = new ScalarBitPacking();
        try (OffHeapArena scratch = OffHeapArena.open("decode")) {
            MemorySegment block = scratch.allocate(128L * t);
            long pos = 0;
            long before = 0;
            for (int i = 0; i < c.chunks().size(); i++) {
                MiniBlockChunk chunk = c.chunks().get(i);
                int w = (int) readWord(buffer, pos, t);
                assertEquals(InlineBitpackingCodec.chunkBytes(t, w), chunk.bufferSize(0), "chunk " + i + " size for W=" + w);
                scalar.unpack(t, w, buffer, pos + t / 8, block, 0);
                long count = c.chunkValues(i, before);
                for (int k = 0; k < count; k++) {
                    out[(int) (before + k)] = readWord(block, (long) k * (t / 8), t);
                }
                for (int k = (int) count; k < 1024; k++) {
                    assertEquals(0, readWord(block, (long) k * (t / 8), t), "padding of the last chunk must be zero");
                }
                pos += chunk.bufferSize(0);
                before += count;
            }
            assertEquals(buffer.byteSize(), pos, "buffer holds exactly the chunks");
        }
        return out;
    }

    private static long[] truncated(long[] values, int t) {
        long[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] &= mask(t);
        }
        return out;
    }

    /** Chunk c gets values of exactly width (c * 7) % (T + 1), except that chunk 2 is all zeros. */
    @ParameterizedTest(name = "T={0}")
    @ValueSource(ints = {8, 16, 32, 64})
    void chunkPerThousandTwentyFourValuesWithItsOwnWidth(int t) {
        int n = 9 * 1024 + 555;
        long[] values = new long[n];
        SplittableRandom random = new SplittableRandom(t);
        int[] expectedWidths = new int[10];
        for (int c = 0; c < 10; c++) {
            int w = c == 2 ? 0 : (c * 7) % (t + 1);
            expectedWidths[c] = w;
            for (int i = c * 1024; i < Math.min(n, (c + 1) * 1024); i++) {
                values[i] = random.nextLong() & mask(w);
            }
            if (w > 0) {
                values[Math.min(n - 1, c * 1024 + 17)] |= 1L << (w - 1); // the top bit is really used
            }
        }
        MiniBlockCompressed c = InlineBitpackingCodec.create().compressMiniBlock(block(arena, t, values), arena);
        assertEquals(InlineBitpackingCodec.encoding(t), c.encoding());
        assertEquals(t, c.encoding().getInlineBitpacking().getUncompressedBitsPerValue());
        assertEquals(10, c.chunks().size());
        assertEquals(n, c.numValues());
        MemorySegment buffer = c.buffers().getFirst();
        long pos = 0;
        for (int i = 0; i < 10; i++) {
            MiniBlockChunk chunk = c.chunks().get(i);
            int w = expectedWidths[i];
            assertEquals((1 + 1024L * w / t) * t / 8, chunk.bufferSize(0), "chunk " + i + " bytes at W=" + w);
            assertEquals(w, readWord(buffer, pos, t), "header word of chunk " + i);
            assertEquals(i == 9 ? 0 : 10, chunk.logNumValues(), "log2 values of chunk " + i);
            assertEquals(1, chunk.numBuffers());
            pos += chunk.bufferSize(0);
        }
        assertEquals(pos, buffer.byteSize());
        assertArrayEquals(truncated(values, t), decode(c, t));
    }

    @Test
    void int64ValuesUpToAThousandNeedTenBitsEverywhere() {
        long[] values = new long[4096];
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextInt(1001);
        }
        FixedWidthBlock b = block(arena, 64, values);
        MiniBlockCompressed c = InlineBitpackingCodec.forStatistics(new BlockStatistics(b, 0)).compressMiniBlock(b, arena);
        assertEquals(4, c.chunks().size());
        for (int i = 0; i < 4; i++) {
            assertEquals(8 + 1024 * 10 / 8, c.chunks().get(i).bufferSize(0));
            assertEquals(10, c.buffers().getFirst().get(Layouts.U64, (long) i * (8 + 1280)));
        }
        assertEquals(List.of(10, 10, 10, 0), c.chunks().stream().map(MiniBlockChunk::logNumValues).toList());
        assertArrayEquals(values, decode(c, 64));
    }

    @ParameterizedTest(name = "T={0}")
    @ValueSource(ints = {8, 16, 32, 64})
    void zerosTakeOnlyTheHeaderWord(int t) {
        long[] values = new long[2500];
        MiniBlockCompressed c = InlineBitpackingCodec.create().compressMiniBlock(block(arena, t, values), arena);
        assertEquals(3, c.chunks().size());
        for (MiniBlockChunk chunk : c.chunks()) {
            assertEquals(t / 8, chunk.bufferSize(0));
        }
        assertEquals(3L * t / 8, c.buffers().getFirst().byteSize());
        assertEquals(-1, c.buffers().getFirst().mismatch(arena.allocate(3L * t / 8)), "all header words are 0");
        assertArrayEquals(values, decode(c, t));
    }

    /** As signed values negatives have every bit set: they force the full width, as in official Lance. */
    @ParameterizedTest(name = "T={0}")
    @ValueSource(ints = {8, 16, 32, 64})
    void negativeOrMaximalValuesForceFullWidth(int t) {
        long[] values = new long[3000];
        SplittableRandom random = new SplittableRandom(t + 1);
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextInt(100);
        }
        values[5] = -1;                 // chunk 0: -1
        values[1024 + 1000] = -(1L << (t - 1)); // chunk 1: the most negative value
        values[2999] = mask(t);         // chunk 2 (short): the largest unsigned value
        MiniBlockCompressed c = InlineBitpackingCodec.create().compressMiniBlock(block(arena, t, values), arena);
        for (int i = 0; i < 3; i++) {
            assertEquals(InlineBitpackingCodec.chunkBytes(t, t), c.chunks().get(i).bufferSize(0), "chunk " + i);
        }
        assertArrayEquals(truncated(values, t), decode(c, t));
    }

    @ParameterizedTest(name = "n={0}")
    @ValueSource(ints = {1, 7, 8, 31, 1023, 1024, 1025, 4095, 4096, 4097})
    void oddSizesRoundTripWithTheLastChunkPadded(int n) {
        for (int t : new int[] {8, 16, 32, 64}) {
            long[] values = new long[n];
            SplittableRandom random = new SplittableRandom(n * 100L + t);
            int w = 1 + random.nextInt(t);
            for (int i = 0; i < n; i++) {
                values[i] = random.nextLong() & mask(w);
            }
            MiniBlockCompressed c = InlineBitpackingCodec.create().compressMiniBlock(block(arena, t, values), arena);
            assertEquals((n + 1023) / 1024, c.chunks().size());
            assertEquals(0, c.chunks().getLast().logNumValues());
            assertArrayEquals(values, decode(c, t), "T=" + t + " n=" + n);
        }
    }

    @Test
    void statisticsOfAnotherBlockAreNotTrusted() {
        FixedWidthBlock small = block(arena, 32, new long[] {1, 2, 3});
        FixedWidthBlock wide = block(arena, 32, new long[] {1, 2, 1 << 20});
        InlineBitpackingCodec codec = InlineBitpackingCodec.forStatistics(new BlockStatistics(small, 0));
        MiniBlockCompressed c = codec.compressMiniBlock(wide, arena);
        assertEquals(21, readWord(c.buffers().getFirst(), 0, 32));
        assertArrayEquals(new long[] {1, 2, 1 << 20}, decode(c, 32));
    }

    @Test
    void emptyBlockHasNoChunks() {
        MiniBlockCompressed c = InlineBitpackingCodec.create().compressMiniBlock(block(arena, 16, new long[0]), arena);
        assertEquals(0, c.chunks().size());
        assertEquals(0, c.buffers().getFirst().byteSize());
    }

    @Test
    void sizeModelAndRefusals() {
        assertEquals(4 + 2176, InlineBitpackingCodec.chunkBytes(32, 17));
        assertEquals(2 + 128, InlineBitpackingCodec.compressedBytes(16, new byte[] {1}));
        assertEquals(1 + (1 + 1024), InlineBitpackingCodec.compressedBytes(8, new byte[] {0, 8}));
        assertThrows(IllegalArgumentException.class, () -> InlineBitpackingCodec.create()
                .compressMiniBlock(new FixedWidthBlock(arena.allocateBuffer(12), 24, 4), arena));
        assertThrows(IllegalArgumentException.class, () -> InlineBitpackingCodec.create()
                .compressMiniBlock(new FixedWidthBlock(arena.allocateBuffer(2), 1, 16), arena));
        CompressiveEncoding e = InlineBitpackingCodec.encoding(16);
        assertEquals(CompressiveEncoding.CompressionCase.INLINE_BITPACKING, e.getCompressionCase());
        assertEquals(false, e.getInlineBitpacking().hasValues());
    }
}
