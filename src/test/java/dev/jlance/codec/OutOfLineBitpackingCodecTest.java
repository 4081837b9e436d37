package dev.jlance.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlance.compression.BlockCompressed;
import dev.jlance.data.BlockStatistics;
import dev.jlance.data.FixedWidthBlock;
import dev.jlance.format.CompressiveEncodings;
import dev.jlance.format.pb.Encodings21;
import dev.jlance.format.pb.Encodings21.CompressiveEncoding;
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

/** Sizes, tail decisions and round trips of {@code out_of_line_bitpacking} block buffers. */
@Tag("kernels")
class OutOfLineBitpackingCodecTest {

    private OffHeapArena arena;

    @BeforeEach
    void open() {
        assertEquals(List.of(), OffHeapArena.openArenas(), "arenas leaked by an earlier test");
        arena = OffHeapArena.open("out-of-line bit-packing test");
    }

    @AfterEach
    void close() {
        arena.close();
        assertEquals(List.of(), OffHeapArena.openArenas(), "the codec opened an arena of its own");
    }

    /**
     * Decodes as the official reader does: whole blocks, then a tail that is raw exactly when the
     * buffer is {@code blocks * 1024 * W / T + tail} words long, else one padded block.
     */
    static long[] decode(MemorySegment buffer, int t, int w, int n) {
        int bytes = t / 8;
        long wordsPerBlock = 1024L * w / t;
        long words = buffer.byteSize() / bytes;
        int blocks = n / 1024;
        int tail = n % 1024;
        boolean rawTail = tail > 0 && words == blocks * wordsPerBlock + tail;
        long expectedWords = blocks * wordsPerBlock + (tail == 0 ? 0 : rawTail ? tail : wordsPerBlock);
        assertEquals(expectedWords * bytes, buffer.byteSize(), "buffer length");
        long[] out = new long[n];
        ScalarBitPacking scalar = new ScalarBitPacking();
        try (OffHeapArena scratch = OffHeapArena.open("decode")) {
            MemorySegment block = scratch.allocate(1024L * bytes);
            for (int b = 0; b < blocks + (tail > 0 && !rawTail ? 1 : 0); b++) {
                scalar.unpack(t, w, buffer, b * wordsPerBlock * bytes, block, 0);
                for (int k = 0; k < Math.min(1024, n - b * 1024); k++) {
                    out[b * 1024 + k] = InlineBitpackingCodecTest.readWord(block, (long) k * bytes, t);
                }
            }
            if (rawTail) {
                for (int k = 0; k < tail; k++) {
                    out[blocks * 1024 + k] = InlineBitpackingCodecTest.readWord(buffer,
                            (blocks * wordsPerBlock + k) * bytes, t);
                }
            }
        }
        return out;
    }

    @ParameterizedTest(name = "n={0}")
    @ValueSource(ints = {0, 1, 7, 8, 31, 100, 904, 1023, 1024, 1025, 4095, 4096, 4097})
    void roundTripsAtEveryWidth(int n) {
        for (int t : new int[] {8, 16, 32, 64}) {
            for (int w = 0; w <= t; w++) {
                SplittableRandom random = new SplittableRandom(n * 1000L + t * 70 + w);
                long[] values = new long[n];
                for (int i = 0; i < n; i++) {
                    values[i] = random.nextLong() & InlineBitpackingCodecTest.mask(w);
                }
                FixedWidthBlock block = InlineBitpackingCodecTest.block(arena, t, values);
                BlockCompressed c = new OutOfLineBitpackingCodec(w).compressBlock(block, arena);
                assertEquals(OutOfLineBitpackingCodec.compressedBytes(t, w, n), c.data().byteSize(), "T=" + t + " W=" + w);
                assertEquals(OutOfLineBitpackingCodec.encoding(t, w), c.encoding());
                assertArrayEquals(values, decode(c.data(), t, w, n), "T=" + t + " W=" + w + " n=" + n);
            }
        }
    }

    @Test
    void tailRule() {
        // Def levels of one bit in u16: a 904-level tail is packed (128 bytes), a 10-level one stored raw.
        assertTrue(OutOfLineBitpackingCodec.packsTail(16, 1, 904));
        assertEquals(128, OutOfLineBitpackingCodec.compressedBytes(16, 1, 904));
        assertFalse(OutOfLineBitpackingCodec.packsTail(16, 1, 10));
        assertEquals(20, OutOfLineBitpackingCodec.compressedBytes(16, 1, 10));
        assertEquals(3 * 128 + 20, OutOfLineBitpackingCodec.compressedBytes(16, 1, 3 * 1024 + 10));
        // Packing wins only with more packed words than raw ones, so the reader's length test is unambiguous.
        for (int t : new int[] {8, 16, 32, 64}) {
            for (int w = 0; w <= t; w++) {
                for (int tail = 1; tail < 1024; tail++) {
                    boolean packs = OutOfLineBitpackingCodec.packsTail(t, w, tail);
                    assertEquals(packs, 1024L * w / t < tail && w < t, "T=" + t + " W=" + w + " tail " + tail);
                }
            }
        }
        // At full width a tail is never packed.
        assertFalse(OutOfLineBitpackingCodec.packsTail(16, 16, 1023));
    }

    @Test
    void encodingRecordsBothWidths() {
        CompressiveEncoding expected = CompressiveEncoding.newBuilder()
                .setOutOfLineBitpacking(Encodings21.OutOfLineBitpacking.newBuilder()
                        .setUncompressedBitsPerValue(16).setValues(CompressiveEncodings.flat(1)))
                .build();
        assertEquals(expected, OutOfLineBitpackingCodec.encoding(16, 1));
    }

    @Test
    void widthComesFromTheWholePage() {
        long[] levels = new long[5000];
        levels[4999] = 2;
        levels[10] = 1;
        FixedWidthBlock block = InlineBitpackingCodecTest.block(arena, 16, levels);
        OutOfLineBitpackingCodec codec = OutOfLineBitpackingCodec.forStatistics(new BlockStatistics(block, 0));
        assertEquals(2, codec.bitWidth());
        // Every slice, even one that is all zeros, packs at the page's width.
        FixedWidthBlock zeros = new FixedWidthBlock(block.data().slice(0, 2), 16, 1);
        assertEquals(OutOfLineBitpackingCodec.encoding(16, 2), codec.compressBlock(zeros, arena).encoding());
        assertEquals(OutOfLineBitpackingCodec.encoding(16, 2), codec.compressBlock(block, arena).encoding());
    }

    @Test
    void refusesValuesWiderThanItsWidth() {
        FixedWidthBlock block = InlineBitpackingCodecTest.block(arena, 16, new long[] {0, 1, 3, 1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new OutOfLineBitpackingCodec(1).compressBlock(block, arena));
        assertTrue(e.getMessage().contains("2 bits"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new OutOfLineBitpackingCodec(17).compressBlock(block, arena));
        assertThrows(IllegalArgumentException.class, () -> new OutOfLineBitpackingCodec(65));
        assertThrows(IllegalArgumentException.class,
                () -> new OutOfLineBitpackingCodec(1).compressBlock(new FixedWidthBlock(arena.allocateBuffer(3), 24, 1),
                        arena));
    }
}
