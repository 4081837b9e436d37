package dev.jlance.codec;

import static dev.jlance.codec.CodecTestSupport.bytes;
import static dev.jlance.codec.CodecTestSupport.decodeMiniBlock;
import static dev.jlance.codec.CodecTestSupport.fixed;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlance.compression.MiniBlockChunk;
import dev.jlance.compression.MiniBlockCompressed;
import dev.jlance.data.FixedWidthBlock;
import dev.jlance.memory.OffHeapArena;
import dev.jlance.schema.FieldEncodingParams.ByteStreamSplitMode;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteStreamSplitCodecTest {

    private static final HexFormat HEX = HexFormat.of();

    /** The example in Lance's byte_stream_split.rs: f32 [1, 2, 3, 4]. */
    @Test
    void splitsBytesByPosition() {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            long[] v = {Float.floatToIntBits(1f), Float.floatToIntBits(2f), Float.floatToIntBits(3f),
                Float.floatToIntBits(4f)};
            MiniBlockCompressed c = ByteStreamSplitCodec.INSTANCE.compressMiniBlock(fixed(arena, 32, v), arena);
            assertEquals("00000000" + "00000000" + "80004080" + "3f404040", HEX.formatHex(bytes(c.buffers().getFirst())));
            assertEquals(ByteStreamSplitCodec.encoding(32), c.encoding());
            assertEquals(32, c.encoding().getByteStreamSplit().getValues().getFlat().getBitsPerValue());
        }
    }

    @ParameterizedTest
    @CsvSource({"32,2500,1024", "64,2500,512", "32,1024,1024", "64,512,512", "64,1,512"})
    void chunksOfFourKib(int bits, int n, int perChunk) {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            MiniBlockCompressed c = ByteStreamSplitCodec.INSTANCE.compressMiniBlock(
                    fixed(arena, bits, new long[n]), arena);
            int chunks = (n + perChunk - 1) / perChunk;
            assertEquals(chunks, c.chunks().size());
            for (int i = 0; i < chunks; i++) {
                MiniBlockChunk ch = c.chunks().get(i);
                boolean last = i == chunks - 1;
                assertEquals(last ? 0 : Integer.numberOfTrailingZeros(perChunk), ch.logNumValues());
                int values = last ? n - perChunk * (chunks - 1) : perChunk;
                assertEquals(values * bits / 8, ch.bufferSize(0));
            }
        }
    }

    /** Each chunk is split on its own: byte j of the chunk's value i at chunkStart + j·count + i. */
    @ParameterizedTest
    @ValueSource(ints = {1, 7, 8, 31, 511, 512, 513, 1023, 1024, 1025, 4095, 4096, 4097})
    void roundTripAndLayout(int n) {
        for (int bits : new int[] {32, 64}) {
            try (OffHeapArena arena = OffHeapArena.open("test")) {
                SplittableRandom r = new SplittableRandom(n * 31L + bits);
                long[] v = new long[n];
                for (int i = 0; i < n; i++) {
                    v[i] = r.nextLong();
                }
                FixedWidthBlock block = fixed(arena, bits, v);
                MiniBlockCompressed c = ByteStreamSplitCodec.INSTANCE.compressMiniBlock(block, arena);
                byte[] raw = bytes(block);
                byte[] split = bytes(c.buffers().getFirst());
                int w = bits / 8;
                int per = ByteStreamSplitCodec.valuesPerChunk(bits);
                for (int i = 0; i < n; i++) {
                    int chunkStart = i / per * per;
                    int count = Math.min(per, n - chunkStart);
                    for (int j = 0; j < w; j++) {
                        assertEquals(raw[i * w + j], split[chunkStart * w + j * count + (i - chunkStart)]);
                    }
                }
                assertArrayEquals(raw, decodeMiniBlock(c, bits));
            }
        }
    }

    @Test
    void rejectsOtherWidths() {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            assertThrows(IllegalArgumentException.class, () -> ByteStreamSplitCodec.INSTANCE.compressMiniBlock(
                    fixed(arena, 16, new long[4]), arena));
            assertThrows(IllegalArgumentException.class, () -> ByteStreamSplitCodec.valuesPerChunk(8));
        }
    }

    // -----------------------------------------------------------------------------------------
    // The auto-mode decision
    // -----------------------------------------------------------------------------------------

    @Test
    void entropyOfConstantAndOfUniformBytes() {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            long[] v = new long[100];
            for (int i = 0; i < v.length; i++) {
                v[i] = 0x0700_0000_0000_0000L | i; // byte 0: 64 distinct values in the sample; others constant
            }
            long[] e = ByteStreamSplitCodec.bytePositionEntropy(fixed(arena, 64, v));
            assertArrayEquals(new long[] {6000, 0, 0, 0, 0, 0, 0, 0}, e);
            long[] halves = new long[64];
            for (int i = 0; i < 64; i++) {
                halves[i] = i % 2; // two values, equally likely: 1 bit; three values 1/4,1/4,1/2: 1.5 bits
            }
            assertArrayEquals(new long[] {1000, 0, 0, 0}, ByteStreamSplitCodec.bytePositionEntropy(fixed(arena, 32, halves)));
            for (int i = 0; i < 64; i++) {
                halves[i] = i % 4 == 3 ? 1 : i % 4;
            }
            assertArrayEquals(new long[] {1500, 0}, ByteStreamSplitCodec.bytePositionEntropy(fixed(arena, 16, halves)));
            assertEquals(0, ByteStreamSplitCodec.bytePositionEntropy(fixed(arena, 32, new long[0])).length);
        }
    }

    @Test
    void entropySamplesOnlyTheFirstSixtyFourValues() {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            long[] v = new long[1000];
            SplittableRandom r = new SplittableRandom(1);
            for (int i = 64; i < v.length; i++) {
                v[i] = r.nextLong();
            }
            FixedWidthBlock block = fixed(arena, 64, v);
            assertArrayEquals(new long[8], ByteStreamSplitCodec.bytePositionEntropy(block));
            assertTrue(ByteStreamSplitCodec.shouldUse(block, ByteStreamSplitMode.AUTO));
        }
    }

    @Test
    void modes() {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            SplittableRandom r = new SplittableRandom(2);
            long[] random = new long[500];
            long[] small = new long[500];
            for (int i = 0; i < random.length; i++) {
                random[i] = r.nextLong();
                small[i] = r.nextInt(1000);
            }
            for (int bits : new int[] {32, 64}) {
                FixedWidthBlock noisy = fixed(arena, bits, random);
                FixedWidthBlock calm = fixed(arena, bits, small);
                assertFalse(ByteStreamSplitCodec.shouldUse(noisy, ByteStreamSplitMode.AUTO), bits + " random");
                assertTrue(ByteStreamSplitCodec.shouldUse(calm, ByteStreamSplitMode.AUTO), bits + " small");
                assertTrue(ByteStreamSplitCodec.shouldUse(noisy, ByteStreamSplitMode.ON));
                assertFalse(ByteStreamSplitCodec.shouldUse(calm, ByteStreamSplitMode.OFF));
            }
            for (int bits : new int[] {8, 16}) {
                assertFalse(ByteStreamSplitCodec.shouldUse(fixed(arena, bits, small), ByteStreamSplitMode.ON));
            }
            assertFalse(ByteStreamSplitCodec.shouldUse(fixed(arena, 32, new long[0]), ByteStreamSplitMode.AUTO));
        }
    }

    /** The threshold is a mean strictly below 4 bits: positions with entropy 6, 6, 4 and 0 average 4.0 exactly. */
    @Test
    void thresholdIsStrict() {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            long[] v = new long[64];
            for (int i = 0; i < 64; i++) {
                long b0 = i;             // 64 distinct: 6 bits
                long b1 = 63 - i;        // 6 bits
                long b2 = i % 16;        // 16 values × 4: 4 bits
                v[i] = b0 | b1 << 8 | b2 << 16;
            }
            FixedWidthBlock block = fixed(arena, 32, v);
            assertArrayEquals(new long[] {6000, 6000, 4000, 0}, ByteStreamSplitCodec.bytePositionEntropy(block));
            assertFalse(ByteStreamSplitCodec.shouldUse(block, ByteStreamSplitMode.AUTO));
            v[63] = v[62]; // one repeat lowers positions 0..2 just below: now under 4 on average
            assertTrue(ByteStreamSplitCodec.shouldUse(fixed(arena, 32, v), ByteStreamSplitMode.AUTO));
        }
    }
}
