package dev.jlance.codec;

import static dev.jlance.codec.CodecTestSupport.bytes;
import static dev.jlance.codec.CodecTestSupport.fixed;
import static dev.jlance.codec.CodecTestSupport.unframe;
import static dev.jlance.codec.CodecTestSupport.variable;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlance.codec.GeneralCompression.Scheme;
import dev.jlance.compression.BlockCompressed;
import dev.jlance.compression.MiniBlockCompressed;
import dev.jlance.compression.PerValueCompressed;
import dev.jlance.data.FixedWidthBlock;
import dev.jlance.data.VariableWidthBlock;
import dev.jlance.format.CompressiveEncodings;
import dev.jlance.format.pb.Encodings21;
import dev.jlance.memory.LanceBuffer;
import dev.jlance.memory.OffHeapArena;
import dev.jlance.schema.FieldEncodingParams;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class GeneralCodecTest {

    private static final HexFormat HEX = HexFormat.of();

    private static GeneralCompression of(Scheme s) {
        return s == Scheme.ZSTD ? GeneralCompression.zstd() : GeneralCompression.lz4();
    }

    private static byte[] frame(GeneralCompression g, byte[] input) {
        try (OffHeapArena arena = OffHeapArena.open("test"); FrameCompressor c = g.newCompressor()) {
            MemorySegment src = arena.copyOf(MemorySegment.ofArray(input));
            MemorySegment dst = arena.allocate(c.maxFrameSize(input.length));
            long n = c.compress(src, dst);
            return bytes(dst.asSlice(0, n));
        }
    }

    private static byte[] sample(int n, long seed, int alphabet) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) r.nextInt(alphabet);
        }
        return b;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 255, 256, 4095, 4096, 4097, 70_000, 300_000})
    void zstdFrameIsLengthThenOneFrameWithContentSize(int n) {
        byte[] input = sample(n, n, 5);
        byte[] framed = frame(GeneralCompression.zstd(), input);
        assertEquals(n, ByteBuffer.wrap(framed).order(ByteOrder.LITTLE_ENDIAN).getLong(0));
        assertEquals("28b52ffd", HEX.formatHex(framed, 8, 12), "zstd magic right after the u64 length");
        assertArrayEquals(input, unframe(Scheme.ZSTD, framed));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 255, 256, 4095, 4096, 4097, 70_000, 300_000})
    void lz4FrameIsLengthThenOneBlock(int n) {
        byte[] input = sample(n, n, 3);
        byte[] framed = frame(GeneralCompression.lz4(), input);
        assertEquals(n, ByteBuffer.wrap(framed).order(ByteOrder.LITTLE_ENDIAN).getInt(0));
        assertArrayEquals(input, unframe(Scheme.LZ4, framed));
    }

    /**
     * The first chunk of official Lance 7.0.0's {@code zstd_2_1} golden (int64 0..511 after
     * byte-stream-split) begins with these bytes: the u64 length, then a single-segment frame header
     * with a 2-byte content size. Our frame for the same 4096 bytes begins the same way.
     */
    @Test
    void zstdFrameHeaderMatchesOfficial() {
        byte[] framed = frame(GeneralCompression.zstd(), sample(4096, 1, 7));
        assertEquals("001000000000000028b52ffd60000f", HEX.formatHex(framed, 0, 15));
    }

    @ParameterizedTest
    @EnumSource(Scheme.class)
    void deterministic(Scheme s) {
        byte[] input = sample(50_000, 9, 11);
        assertArrayEquals(frame(of(s), input), frame(of(s), input));
    }

    @ParameterizedTest
    @ValueSource(ints = {-5, -1, 1, 3, 9, 19, 22, 30, -200_000})
    void zstdLevelsAllDecode(int level) {
        byte[] input = sample(20_000, level, 17);
        assertArrayEquals(input, unframe(Scheme.ZSTD, frame(GeneralCompression.zstd(level), input)));
    }

    @Test
    void higherLevelsCompressRepetitiveDataBetter() {
        byte[] input = new byte[200_000];
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < input.length; i++) {
            input[i] = (byte) (r.nextInt(100) < 90 ? input[Math.max(0, i - 1 - r.nextInt(300))] : r.nextInt());
        }
        int fast = frame(GeneralCompression.zstd(-5), input).length;
        int strong = frame(GeneralCompression.zstd(19), input).length;
        assertTrue(strong < fast, "level 19 (" + strong + " B) beats level -5 (" + fast + " B)");
    }

    @Test
    void protoWritesLevelOnlyWhenRequested() {
        assertFalse(GeneralCompression.zstd().proto().hasLevel());
        assertEquals(Encodings21.CompressionScheme.COMPRESSION_ALGORITHM_ZSTD, GeneralCompression.zstd().proto().getScheme());
        assertEquals(-3, GeneralCompression.zstd(-3).proto().getLevel());
        assertEquals(0, GeneralCompression.perValueDefault().proto().getLevel());
        assertTrue(GeneralCompression.perValueDefault().proto().hasLevel());
        assertEquals(Encodings21.CompressionScheme.COMPRESSION_ALGORITHM_LZ4, GeneralCompression.lz4().proto().getScheme());
        var wrapped = GeneralCompression.lz4().wrap(CompressiveEncodings.flat(32));
        assertEquals(32, wrapped.getGeneral().getValues().getFlat().getBitsPerValue());
        // the golden zstd_2_1 page encoding: general{compression{scheme 2}, values: ...}
        assertEquals("0a020802", HEX.formatHex(GeneralCompression.zstd().wrap(
                Encodings21.CompressiveEncoding.getDefaultInstance()).getGeneral().toByteArray()).substring(0, 8));
    }

    @Test
    void fromFieldMetadata() {
        assertEquals(GeneralCompression.zstd(7), GeneralCompression.fromParams(FieldEncodingParams.parse("f",
                Map.of(FieldEncodingParams.COMPRESSION, "zstd", FieldEncodingParams.COMPRESSION_LEVEL, "7"))).orElseThrow());
        assertEquals(GeneralCompression.lz4(), GeneralCompression.fromParams(FieldEncodingParams.parse("f",
                Map.of(FieldEncodingParams.COMPRESSION, "lz4"))).orElseThrow());
        assertTrue(GeneralCompression.fromParams(FieldEncodingParams.parse("f",
                Map.of(FieldEncodingParams.COMPRESSION, "fsst"))).isEmpty());
        assertTrue(GeneralCompression.fromParams(FieldEncodingParams.parse("f",
                Map.of(FieldEncodingParams.COMPRESSION, "none"))).isEmpty());
        assertTrue(GeneralCompression.fromParams(FieldEncodingParams.NONE).isEmpty());
    }

    // ---------------------------------------------------------------------------------------
    // Mini-block wrapper
    // ---------------------------------------------------------------------------------------

    private static long[] smallInts(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextInt(20);
        }
        return v;
    }

    @ParameterizedTest
    @EnumSource(Scheme.class)
    void miniBlockCompressesEachChunkOfTheFirstBuffer(Scheme s) {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            FixedWidthBlock block = fixed(arena, 32, smallInts(2500, 1));
            MiniBlockCompressed plain = FlatCodec.INSTANCE.compressMiniBlock(block, arena);
            MiniBlockCompressed c = new GeneralMiniBlockCodec(FlatCodec.INSTANCE, of(s)).compressMiniBlock(block, arena);
            assertEquals(of(s).wrap(CompressiveEncodings.flat(32)), c.encoding());
            assertEquals(plain.chunks().size(), c.chunks().size());
            long pos = 0;
            long plainPos = 0;
            for (int i = 0; i < c.chunks().size(); i++) {
                assertEquals(plain.chunks().get(i).logNumValues(), c.chunks().get(i).logNumValues());
                int size = c.chunks().get(i).bufferSize(0);
                int plainSize = plain.chunks().get(i).bufferSize(0);
                assertArrayEquals(bytes(plain.buffers().getFirst().asSlice(plainPos, plainSize)),
                        unframe(s, bytes(c.buffers().getFirst().asSlice(pos, size))), "chunk " + i);
                pos += size;
                plainPos += plainSize;
            }
            assertEquals(pos, c.buffers().getFirst().byteSize());
            assertTrue(pos < plainPos);
            assertArrayEquals(bytes(block), CodecTestSupport.decodeMiniBlock(c, 32));
        }
    }

    @Test
    void miniBlockBelowFourKibIsLeftAlone() {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            FixedWidthBlock block = fixed(arena, 32, smallInts(1023, 2)); // 4092 bytes
            MiniBlockCompressed c = new GeneralMiniBlockCodec(FlatCodec.INSTANCE, GeneralCompression.zstd())
                    .compressMiniBlock(block, arena);
            assertEquals(CompressiveEncodings.flat(32), c.encoding());
            FixedWidthBlock exactly = fixed(arena, 32, smallInts(1024, 2)); // 4096 bytes: tried
            assertTrue(new GeneralMiniBlockCodec(FlatCodec.INSTANCE, GeneralCompression.zstd())
                    .compressMiniBlock(exactly, arena).encoding().hasGeneral());
        }
    }

    @ParameterizedTest
    @EnumSource(Scheme.class)
    void incompressibleDataKeepsTheInnerEncoding(Scheme s) {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            SplittableRandom r = new SplittableRandom(5);
            long[] v = new long[3000];
            for (int i = 0; i < v.length; i++) {
                v[i] = r.nextLong();
            }
            FixedWidthBlock block = fixed(arena, 64, v);
            MiniBlockCompressed c = new GeneralMiniBlockCodec(FlatCodec.INSTANCE, of(s)).compressMiniBlock(block, arena);
            assertEquals(CompressiveEncodings.flat(64), c.encoding());
            assertArrayEquals(bytes(block), bytes(c.buffers().getFirst()));
        }
    }

    @Test
    void miniBlockLeavesTheOtherBuffersAlone() {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            long[] v = new long[20_000];
            for (int i = 0; i < v.length; i++) {
                v[i] = (i / 3) % 7;
            }
            FixedWidthBlock block = fixed(arena, 64, v);
            MiniBlockCompressed plain = RleCodec.INSTANCE.compressMiniBlock(block, arena);
            MiniBlockCompressed c = new GeneralMiniBlockCodec(RleCodec.INSTANCE, GeneralCompression.zstd(3))
                    .compressMiniBlock(block, arena);
            assertTrue(c.encoding().getGeneral().getValues().hasRle());
            assertEquals(3, c.encoding().getGeneral().getCompression().getLevel());
            assertArrayEquals(bytes(plain.buffers().get(1)), bytes(c.buffers().get(1)));
            for (int i = 0; i < c.chunks().size(); i++) {
                assertEquals(plain.chunks().get(i).bufferSize(1), c.chunks().get(i).bufferSize(1));
            }
            assertArrayEquals(bytes(block), CodecTestSupport.decodeMiniBlock(c, 64));
        }
    }

    @Test
    void heapInputIsCopiedOffHeapFirst() {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            long[] v = smallInts(5000, 4);
            byte[] raw = bytes(fixed(arena, 16, v));
            FixedWidthBlock heap = new FixedWidthBlock(LanceBuffer.wrap(raw), 16, v.length);
            MiniBlockCompressed c = new GeneralMiniBlockCodec(FlatCodec.INSTANCE, GeneralCompression.lz4())
                    .compressMiniBlock(heap, arena);
            assertTrue(c.encoding().hasGeneral());
            assertArrayEquals(raw, CodecTestSupport.decodeMiniBlock(c, 16));
        }
    }

    // ---------------------------------------------------------------------------------------
    // Per value and block
    // ---------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {32, 64})
    void perValueFramesEveryValue(int bitsPerOffset) {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            List<byte[]> values = new ArrayList<>();
            SplittableRandom r = new SplittableRandom(bitsPerOffset);
            for (int i = 0; i < 300; i++) {
                int len = i % 10 == 0 ? 0 : i % 7 == 0 ? 100_000 : r.nextInt(2000);
                values.add(sample(len, i, 1 + r.nextInt(255)));
            }
            VariableWidthBlock block = variable(arena, values, bitsPerOffset);
            for (GeneralCompression g : List.of(GeneralCompression.perValueDefault(), GeneralCompression.zstd(),
                    GeneralCompression.zstd(-7), GeneralCompression.zstd(19))) {
                PerValueCompressed.Variable c = (PerValueCompressed.Variable) new GeneralPerValueCodec(g)
                        .compressPerValue(block, arena);
                assertEquals(g.wrap(CompressiveEncodings.variable(bitsPerOffset)), c.encoding());
                VariableWidthBlock out = c.data();
                assertEquals(bitsPerOffset, out.bitsPerOffset());
                assertEquals(values.size(), out.numValues());
                assertEquals(0, out.offset(0));
                for (int i = 0; i < values.size(); i++) {
                    byte[] framed = bytes(out.data().segment().asSlice(out.offset(i), out.offset(i + 1) - out.offset(i)));
                    assertArrayEquals(values.get(i), unframe(g.scheme(), framed), g + " value " + i);
                }
                assertEquals(out.data().size(), out.offset(values.size()));
            }
        }
    }

    /** The 7.0.0 reader passes null values' empty slices to lz4, which fails: lz4 is refused up front. */
    @Test
    void perValueRefusesLz4() {
        assertThrows(IllegalArgumentException.class, () -> new GeneralPerValueCodec(GeneralCompression.lz4()));
    }

    @Test
    void perValueRejectsFixedWidth() {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            assertThrows(IllegalArgumentException.class, () -> new GeneralPerValueCodec(GeneralCompression.zstd())
                    .compressPerValue(fixed(arena, 32, new long[] {1}), arena));
        }
    }

    @ParameterizedTest
    @EnumSource(Scheme.class)
    void blockFramesTheInnerBuffer(Scheme s) {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            long[] levels = new long[10_000];
            for (int i = 0; i < levels.length; i++) {
                levels[i] = i % 3 == 0 ? 1 : 0;
            }
            FixedWidthBlock block = fixed(arena, 16, levels);
            BlockCompressed c = new GeneralBlockCodec(FlatCodec.INSTANCE, of(s)).compressBlock(block, arena);
            assertEquals(of(s).wrap(CompressiveEncodings.flat(16)), c.encoding());
            assertArrayEquals(bytes(block), unframe(s, bytes(c.data())));
        }
    }

    @Test
    void framesAreReadFromExactSizeSegments() {
        // A segment ending exactly at the data: any over-read fails with an out-of-bounds error.
        try (OffHeapArena arena = OffHeapArena.open("test"); FrameCompressor c = GeneralCompression.zstd().newCompressor()) {
            for (int n : new int[] {0, 1, 7, 8, 31, 1023, 1024, 1025, 4095, 4096, 4097}) {
                byte[] input = sample(n, n, 9);
                MemorySegment src = arena.allocate(n);
                MemorySegment.copy(MemorySegment.ofArray(input), 0, src, 0, n);
                MemorySegment dst = arena.allocate(c.maxFrameSize(n));
                long written = c.compress(src, dst);
                assertArrayEquals(input, unframe(Scheme.ZSTD, dst.asSlice(0, written).toArray(ValueLayout.JAVA_BYTE)));
            }
        }
    }

    @Test
    void compressionRefusesHeapSegmentsDirectly() {
        try (FrameCompressor c = GeneralCompression.lz4().newCompressor();
                OffHeapArena arena = OffHeapArena.open("test")) {
            assertThrows(IllegalArgumentException.class,
                    () -> c.compress(MemorySegment.ofArray(new byte[10]), arena.allocate(100)));
        }
    }
}
