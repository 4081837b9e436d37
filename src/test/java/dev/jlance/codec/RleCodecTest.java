package dev.jlance.codec;

import static dev.jlance.codec.CodecTestSupport.bytes;
import static dev.jlance.codec.CodecTestSupport.decodeMiniBlock;
import static dev.jlance.codec.CodecTestSupport.fixed;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlance.compression.MiniBlockChunk;
import dev.jlance.compression.MiniBlockCompressed;
import dev.jlance.data.FixedWidthBlock;
import dev.jlance.memory.OffHeapArena;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RleCodecTest {

    private static final HexFormat HEX = HexFormat.of();

    private static MiniBlockCompressed rle(OffHeapArena arena, int bits, long[] values) {
        return RleCodec.INSTANCE.compressMiniBlock(fixed(arena, bits, values), arena);
    }

    private static int[] chunkValues(MiniBlockCompressed c) {
        int[] out = new int[c.chunks().size()];
        long before = 0;
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) c.chunkValues(i, before);
            before += out[i];
        }
        return out;
    }

    /** Official 7.0.0 writes {@code [1, 0, 0]} (int32) as values {@code [1, 0]}, lengths {@code [1, 2]}. */
    @Test
    void officialSmallExample() {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            MiniBlockCompressed c = rle(arena, 32, new long[] {1, 0, 0});
            assertEquals(RleCodec.encoding(32), c.encoding());
            assertEquals("0100000000000000", HEX.formatHex(bytes(c.buffers().get(0))));
            assertEquals("0102", HEX.formatHex(bytes(c.buffers().get(1))));
            assertEquals(1, c.chunks().size());
            MiniBlockChunk only = c.chunks().getFirst();
            assertEquals(0, only.logNumValues());
            assertArrayEquals(new int[] {8, 2}, new int[] {only.bufferSize(0), only.bufferSize(1)});
        }
    }

    @Test
    void encodingNamesValuesAndByteLengths() {
        var e = RleCodec.encoding(16);
        assertEquals(16, e.getRle().getValues().getFlat().getBitsPerValue());
        assertEquals(8, e.getRle().getRunLengths().getFlat().getBitsPerValue());
    }

    /** 10000 equal int32: chunks of 4096, 4096, 1808, each run split into 255s and a rest. */
    @Test
    void longRunIsSplitAtTwoFiftyFiveAndAtChunks() {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            long[] v = new long[10_000];
            Arrays.fill(v, 7);
            MiniBlockCompressed c = rle(arena, 32, v);
            assertArrayEquals(new int[] {4096, 4096, 1808}, chunkValues(c));
            assertArrayEquals(new int[] {12, 12, 0}, c.chunks().stream().mapToInt(MiniBlockChunk::logNumValues).toArray());
            byte[] lengths = bytes(c.buffers().get(1));
            assertEquals(17 + 17 + 8, lengths.length); // 4096 = 16·255 + 16; 1808 = 7·255 + 23
            for (int i = 0; i < 16; i++) {
                assertEquals((byte) 255, lengths[i]);
            }
            assertEquals(16, lengths[16]);
            assertEquals(23, lengths[lengths.length - 1]);
            assertArrayEquals(bytes(fixed(arena, 32, v)), decodeMiniBlock(c, 32));
        }
    }

    @Test
    void runOfExactlyTwoFiftyFiveAndTwoFiftySix() {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            long[] v = new long[255 + 256];
            Arrays.fill(v, 255, v.length, 9);
            MiniBlockCompressed c = rle(arena, 8, v);
            assertEquals("ff" + "ff01", HEX.formatHex(bytes(c.buffers().get(1))));
            assertEquals("00" + "0909", HEX.formatHex(bytes(c.buffers().get(0))));
        }
    }

    /** A run crossing a chunk cut is split there: each chunk decodes alone. */
    @Test
    void runCrossingChunkBoundary() {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            long[] v = new long[9000];
            for (int i = 0; i < v.length; i++) {
                v[i] = i < 4000 ? i / 3 : i < 4300 ? -1 : i / 2;
            }
            MiniBlockCompressed c = rle(arena, 64, v);
            assertArrayEquals(bytes(fixed(arena, 64, v)), decodeMiniBlock(c, 64));
        }
    }

    /** Every value differs: a chunk holds as many values as fit 8186 bytes, rounded down to a power of two. */
    @ParameterizedTest
    @ValueSource(ints = {8, 16, 32, 64})
    void worstCaseChunkSizes(int bits) {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            long[] v = new long[10_000];
            for (int i = 0; i < v.length; i++) {
                v[i] = bits == 8 ? i % 2 : i;
            }
            MiniBlockCompressed c = rle(arena, bits, v);
            int expected = switch (bits) {
                case 8 -> 2048; // 8186 / 2 = 4093 entries
                case 16 -> 2048; // 2728
                case 32 -> 1024; // 1637
                default -> 512; // 909
            };
            assertEquals(expected, chunkValues(c)[0]);
            for (int i = 0; i < c.chunks().size(); i++) {
                long bytes = c.chunks().get(i).bufferSize(0) + (long) c.chunks().get(i).bufferSize(1);
                assertTrue(bytes <= FlatCodec.MAX_MINIBLOCK_BYTES, "chunk " + i + " has " + bytes + " bytes");
            }
            assertArrayEquals(bytes(fixed(arena, bits, v)), decodeMiniBlock(c, bits));
        }
    }

    /** The rest of a page that is ≤ 4096 values but too big for one chunk is cut to a power of two first. */
    @Test
    void shortRestThatDoesNotFitIsCut() {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            long[] v = new long[3000];
            for (int i = 0; i < v.length; i++) {
                v[i] = i;
            }
            MiniBlockCompressed c = rle(arena, 64, v);
            assertArrayEquals(new int[] {512, 512, 512, 512, 512, 440}, chunkValues(c));
        }
    }

    /** 2000 distinct int64 then one run: chunks stop where 909 entries (8186 bytes) are exceeded. */
    @Test
    void distinctValuesThenOneRun() {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            long[] v = new long[5000];
            for (int i = 0; i < v.length; i++) {
                v[i] = i < 2000 ? i : -5;
            }
            MiniBlockCompressed c = rle(arena, 64, v);
            assertArrayEquals(new int[] {512, 512, 512, 3464}, chunkValues(c));
            assertEquals(464 + 12, c.chunks().get(3).bufferSize(1), "464 single values, then 3000 = 11·255 + 195");
            assertArrayEquals(bytes(fixed(arena, 64, v)), decodeMiniBlock(c, 64));
        }
    }

    @Test
    void runEndFindsTheFirstDifferentValue() {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            long[] v = {3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 4, 4, 5};
            for (int bits : new int[] {8, 16, 32, 64}) {
                var s = fixed(arena, bits, v).data().segment();
                int w = bits / 8;
                assertEquals(19, RleCodec.runEnd(s, w, 0, v.length));
                assertEquals(19, RleCodec.runEnd(s, w, 7, v.length));
                assertEquals(10, RleCodec.runEnd(s, w, 0, 10), "limited");
                assertEquals(21, RleCodec.runEnd(s, w, 19, v.length));
                assertEquals(22, RleCodec.runEnd(s, w, 21, v.length));
                assertEquals(1, RleCodec.runEnd(s, w, 0, 1));
            }
        }
    }

    static Stream<Arguments> randomCases() {
        return Stream.of(8, 16, 32, 64).flatMap(bits -> Stream.of(1, 2, 3, 7, 8, 31, 255, 256, 1023, 1024, 1025,
                4095, 4096, 4097, 8193, 20_000).map(n -> Arguments.of(bits, n)));
    }

    /** Runs of random lengths (1..600) of random values, sign bits included; every size decodes exactly. */
    @ParameterizedTest(name = "bits={0} n={1}")
    @MethodSource("randomCases")
    void roundTrip(int bits, int n) {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            SplittableRandom r = new SplittableRandom(bits * 100_003L + n);
            long[] v = new long[n];
            for (int i = 0; i < n; ) {
                long value = r.nextInt(4) == 0 ? -1 : r.nextLong();
                int len = r.nextInt(3) == 0 ? 1 + r.nextInt(600) : 1 + r.nextInt(4);
                for (int k = 0; k < len && i < n; k++) {
                    v[i++] = value;
                }
            }
            FixedWidthBlock block = fixed(arena, bits, v);
            MiniBlockCompressed c = RleCodec.INSTANCE.compressMiniBlock(block, arena);
            assertArrayEquals(bytes(block), decodeMiniBlock(c, bits));
            long total = c.buffers().get(0).byteSize() + c.buffers().get(1).byteSize();
            assertTrue(total >= RleCodec.encodedSize(block), "chunk cuts only add entries");
        }
    }

    static Stream<Arguments> shortRunCases() {
        return Stream.of(8, 16, 32, 64).flatMap(bits -> Stream.of("1-2", "1-255", "ones-and-long", "all-255",
                "mostly-1", "constant-254").flatMap(shape -> Stream.of(1, 2, 63, 64, 65, 255, 256, 257, 1000, 4095,
                4096, 4097, 9000, 65_536, 100_003).map(n -> Arguments.of(bits, shape, n))));
    }

    /**
     * Pages whose runs all fit one entry take the path that searches the run ends; it must cut the
     * same chunks and write the same bytes as the walk over every run that replays official Lance.
     */
    @ParameterizedTest(name = "bits={0} {1} n={2}")
    @MethodSource("shortRunCases")
    void searchingShortRunsMatchesTheWalk(int bits, String shape, int n) {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            SplittableRandom r = new SplittableRandom(bits * 7_919L + n * 31L + shape.hashCode());
            long[] v = new long[n];
            long value = 0;
            for (int i = 0; i < n; ) {
                int len = switch (shape) {
                    case "1-2" -> 1 + r.nextInt(2);
                    case "1-255" -> 1 + r.nextInt(255);
                    case "ones-and-long" -> r.nextInt(10) == 0 ? 200 + r.nextInt(56) : 1;
                    case "all-255" -> 255;
                    case "mostly-1" -> r.nextInt(50) == 0 ? 2 + r.nextInt(3) : 1;
                    default -> 254;
                };
                value += 1 + r.nextInt(3); // consecutive runs always differ
                for (int k = 0; k < len && i < n; k++) {
                    v[i++] = value;
                }
            }
            FixedWidthBlock block = fixed(arena, bits, v);
            RunEnds runs = RunEnds.scan(block.data().segment(), bits / 8, n);
            try {
                assertTrue(!runs.anyLongerThan(RleCodec.MAX_RUN), "every run fits one entry");
            } finally {
                runs.release();
            }
            MiniBlockCompressed searched = RleCodec.compress(block, arena, true);
            MiniBlockCompressed walked = RleCodec.compress(block, arena, false);
            assertEquals(walked.chunks().size(), searched.chunks().size(), "chunk count");
            for (int c = 0; c < walked.chunks().size(); c++) {
                MiniBlockChunk w = walked.chunks().get(c);
                MiniBlockChunk s = searched.chunks().get(c);
                assertEquals(w.logNumValues(), s.logNumValues(), "chunk " + c + " values");
                assertEquals(w.bufferSize(0), s.bufferSize(0), "chunk " + c + " value bytes");
                assertEquals(w.bufferSize(1), s.bufferSize(1), "chunk " + c + " length bytes");
            }
            assertArrayEquals(bytes(walked.buffers().get(0)), bytes(searched.buffers().get(0)), "values");
            assertArrayEquals(bytes(walked.buffers().get(1)), bytes(searched.buffers().get(1)), "lengths");
            assertArrayEquals(bytes(block), decodeMiniBlock(searched, bits));
        }
    }

    @Test
    void encodedSizeCountsEntries() {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            long[] v = new long[600];
            Arrays.fill(v, 300, 600, 5); // runs 300, 300 → 2 + 2 entries
            assertEquals(4 * 5, RleCodec.encodedSize(fixed(arena, 32, v)));
            assertEquals(0, RleCodec.encodedSize(fixed(arena, 32, new long[0])));
        }
    }

    /** The official estimate on the pages whose 7.0.0 choice was observed (NOTES §7.6 and CodecParityTest). */
    @Test
    void officialEstimateMatchesObservedChoices() {
        assertEquals(2 * 5, RleCodec.estimatedBytes(3, 2, 32)); // [1,0,0]: 10 < 12 raw bytes → RLE
        long runsOf2 = RleCodec.estimatedBytes(9000, 4500, 64); // RLE although runs = n/2
        assertEquals((4500 + 35) * 9, runsOf2);
        assertTrue(runsOf2 < 9000 * 8);
        long int8RunsOf2 = RleCodec.estimatedBytes(20_000, 10_000, 8); // flat: not below the raw size
        assertTrue(int8RunsOf2 >= 20_000);
        assertEquals(1000 * 9, RleCodec.estimatedBytes(1000, 1000, 64), "never more entries than values");
    }

    @Test
    void emptyPageHasNoChunks() {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            MiniBlockCompressed c = rle(arena, 32, new long[0]);
            assertEquals(0, c.chunks().size());
            assertEquals(0, c.buffers().get(0).byteSize());
        }
    }

    @Test
    void floatsAreComparedBitwise() {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            long pz = Double.doubleToRawLongBits(0.0);
            long nz = Double.doubleToRawLongBits(-0.0);
            long nan1 = 0x7ff8000000000001L;
            long nan2 = 0x7ff8000000000002L;
            MiniBlockCompressed c = rle(arena, 64, new long[] {pz, nz, nan1, nan1, nan2});
            assertEquals("01010201", HEX.formatHex(bytes(c.buffers().get(1))));
        }
    }

    @Test
    void rejectsOtherWidths() {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            var bools = new FixedWidthBlock(arena.allocateBuffer(1), 1, 8);
            assertThrows(IllegalArgumentException.class, () -> RleCodec.INSTANCE.compressMiniBlock(bools, arena));
            var wide = new FixedWidthBlock(arena.allocateBuffer(32), 128, 2);
            assertThrows(IllegalArgumentException.class, () -> RleCodec.INSTANCE.compressMiniBlock(wide, arena));
        }
    }
}
