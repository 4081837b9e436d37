package dev.jlance.codec.fsst;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlance.compression.MiniBlockChunk;
import dev.jlance.compression.MiniBlockCompressed;
import dev.jlance.compression.PerValueCompressed;
import dev.jlance.data.FixedWidthBlock;
import dev.jlance.data.VariableWidthBlock;
import dev.jlance.format.pb.Encodings21.CompressiveEncoding;
import dev.jlance.memory.LanceBuffer;
import dev.jlance.memory.Layouts;
import dev.jlance.memory.OffHeapArena;
import dev.jlance.parallel.PieceWork;
import dev.jlance.simd.FsstKernels;
import dev.jlance.simd.ScalarFsstKernels;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("kernels")
class FsstCodecTest {

    private static final FsstCodec VECTOR = new FsstCodec(FsstKernels.get());
    private static final FsstCodec SCALAR = new FsstCodec(new ScalarFsstKernels());

    @AfterEach
    void noArenaLeft() {
        assertEquals(List.of(), OffHeapArena.openArenas(), "scratch or test arenas left open");
    }

    static List<byte[]> utf8(String... s) {
        List<byte[]> out = new ArrayList<>();
        for (String x : s) {
            out.add(x.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    static byte[] value(VariableWidthBlock b, long i) {
        long s = b.offset(i);
        long e = b.offset(i + 1);
        return b.data().segment().asSlice(s, e - s).toArray(ValueLayout.JAVA_BYTE);
    }

    /** Every value decodes back to the input, both kernels write the same bytes; returns the compressed size. */
    static long assertRoundTrip(String what, List<byte[]> strings, int bits) {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            VariableWidthBlock in = FsstCorpus.block(strings, bits, arena);
            FsstCodec.Compressed v = VECTOR.compress(in, arena);
            FsstCodec.Compressed s = SCALAR.compress(in, arena);
            assertEquals(s.table(), v.table(), what);
            assertEquals(strings.size(), v.values().numValues(), what);
            assertEquals(bits, v.values().bitsPerOffset(), what);
            FsstDecoder decoder = FsstDecoder.of(v.table().serialize());
            for (int i = 0; i < strings.size(); i++) {
                byte[] codes = value(v.values(), i);
                assertArrayEquals(value(s.values(), i), codes, what + ": kernels differ at value " + i);
                assertArrayEquals(strings.get(i), decoder.decode(codes), what + ": value " + i);
            }
            long raw = strings.stream().mapToLong(x -> x.length).sum();
            long size = v.values().offset(strings.size()) - v.values().offset(0);
            if (v.table().compressed()) {
                assertTrue(size < raw, what + ": compressed " + size + " of " + raw);
            } else {
                assertSame(in, v.values(), what + ": switch off stores the input itself");
            }
            return size;
        }
    }

    @Test
    void corporaRoundTripAndShrink() {
        for (FsstCorpus.Kind kind : FsstCorpus.Kind.values()) {
            List<byte[]> strings = new FsstCorpus(kind.ordinal()).stringsOfSize(kind, 100_000);
            long raw = strings.stream().mapToLong(x -> x.length).sum();
            long size = assertRoundTrip(kind.name(), strings, 32);
            assertTrue(size < raw * 0.6, kind + " compresses to " + size + " of " + raw);
            assertRoundTrip(kind.name() + "/64", strings, 64);
        }
    }

    /** Empty values, escapes, random bytes, multi-byte text and corpus lines, mixed at random. */
    static List<byte[]> mixedValues(long seed, int count) {
        SplittableRandom r = new SplittableRandom(seed);
        List<byte[]> mixed = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            switch (r.nextInt(7)) {
                case 0 -> mixed.add(new byte[0]);
                case 1 -> mixed.add(new byte[] {(byte) 0xFF});
                case 2 -> {
                    byte[] b = new byte[r.nextInt(1, 30)];
                    Arrays.fill(b, (byte) 0xFF);
                    mixed.add(b);
                }
                case 3 -> {
                    byte[] b = new byte[r.nextInt(0, 60)];
                    r.nextBytes(b);
                    mixed.add(b);
                }
                case 4 -> mixed.add("naïve café 東京 🙂".getBytes(StandardCharsets.UTF_8));
                case 5 -> mixed.add(new byte[] {(byte) r.nextInt(256)});
                default -> mixed.add(new FsstCorpus(i).sentences(1).getBytes(StandardCharsets.UTF_8));
            }
        }
        return mixed;
    }

    /** {@code count} values of random bytes, {@code minLength} to {@code maxLength - 1} long. */
    static List<byte[]> randomValues(long seed, int count, int minLength, int maxLength) {
        SplittableRandom r = new SplittableRandom(seed);
        List<byte[]> random = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] b = new byte[r.nextInt(minLength, maxLength)];
            r.nextBytes(b);
            random.add(b);
        }
        return random;
    }

    @Test
    void adversarialValues() {
        List<byte[]> mixed = mixedValues(3, 5000);
        assertRoundTrip("mixed", mixed, 32);
        assertRoundTrip("mixed/64", mixed, 64);
        assertRoundTrip("empty strings", Collections.nCopies(1000, new byte[0]), 32);
        assertRoundTrip("no values", List.of(), 32);
        assertRoundTrip("one byte", utf8("x"), 32);
        assertRoundTrip("1-byte strings", utf8("a", "b", "c", "a", "a", "b", "\u0000", "z"), 64);
        assertRoundTrip("identical", Collections.nCopies(20_000, "the very same value".getBytes(StandardCharsets.UTF_8)),
                32);
        byte[] zeros = new byte[70_000];
        assertRoundTrip("zeros", List.of(zeros, zeros), 32);
        byte[] ff = new byte[70_000];
        Arrays.fill(ff, (byte) 0xFF);
        assertRoundTrip("0xFF", List.of(ff, new byte[0], ff), 64);
    }

    @Test
    void hugeValue() {
        StringBuilder b = new StringBuilder();
        FsstCorpus c = new FsstCorpus(8);
        while (b.length() < 3_000_000) {
            b.append(c.sentences(5)).append('\n');
        }
        long size = assertRoundTrip("3 MB value", List.of(b.toString().getBytes(StandardCharsets.UTF_8), new byte[] {1}),
                64);
        assertTrue(size < 1_800_000, "compressed " + size);
    }

    /** {@code block} moved {@code shift} bytes into its data buffer: its first offset is not 0. */
    private static VariableWidthBlock shifted(VariableWidthBlock block, int shift, OffHeapArena arena) {
        int w = block.bytesPerOffset();
        long n = block.numValues();
        MemorySegment data = arena.allocate(shift + block.data().segment().byteSize());
        data.asSlice(0, shift).fill((byte) 'x');
        MemorySegment.copy(block.data().segment(), 0, data, shift, block.data().segment().byteSize());
        MemorySegment offsets = arena.allocate((n + 1) * w);
        for (long i = 0; i <= n; i++) {
            if (w == 4) {
                offsets.setAtIndex(Layouts.U32, i, (int) (block.offset(i) + shift));
            } else {
                offsets.setAtIndex(Layouts.U64, i, block.offset(i) + shift);
            }
        }
        return new VariableWidthBlock(new LanceBuffer(offsets), new LanceBuffer(data), block.bitsPerOffset(), n);
    }

    private static byte[] bytes(VariableWidthBlock b) {
        long n = b.numValues();
        return b.data().segment().asSlice(b.offset(0), b.offset(n) - b.offset(0)).toArray(ValueLayout.JAVA_BYTE);
    }

    private static byte[] offsetBytes(VariableWidthBlock b) {
        return b.offsets().segment().asSlice(0, (b.numValues() + 1) * b.bytesPerOffset()).toArray(ValueLayout.JAVA_BYTE);
    }

    @Test
    void piecesOnOtherThreadsJoinToTheBytesOfOnePass() throws Exception {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        new FsstCorpus(2).stringsOfSize(FsstCorpus.Kind.ENGLISH, 40_000).forEach(joined::writeBytes);
        byte[] huge = joined.toByteArray();
        List<byte[]> hugeAmongSmall = new ArrayList<>(mixedValues(5, 300));
        hugeAmongSmall.add(150, huge);
        List<byte[]> emptyThenText = new ArrayList<>(Collections.nCopies(3000, new byte[0]));
        emptyThenText.addAll(utf8("one value at the very end, long enough to train on, one value at the very end"));
        List<byte[]> random = randomValues(11, 2000, 0, 90);
        List<List<byte[]>> cases = new ArrayList<>(List.of(mixedValues(4, 7000), hugeAmongSmall, emptyThenText, random,
                utf8("x"), List.of()));
        for (FsstCorpus.Kind kind : FsstCorpus.Kind.values()) {
            cases.add(new FsstCorpus(100 + kind.ordinal()).stringsOfSize(kind, 30_000));
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            for (int c = 0; c < cases.size(); c++) {
                for (int bits : new int[] {32, 64}) {
                    VariableWidthBlock plain = FsstCorpus.block(cases.get(c), bits, arena);
                    for (VariableWidthBlock in : List.of(plain, shifted(plain, 13, arena))) {
                        for (FsstKernels kernels : List.of(FsstKernels.get(), new ScalarFsstKernels())) {
                            FsstCodec.Compressed whole = new FsstCodec(kernels, Long.MAX_VALUE).compress(in, arena);
                            for (long pieceBytes : new long[] {1, 777, 4096}) {
                                String what = "case " + c + "/" + bits + "/" + kernels.getClass().getSimpleName()
                                        + " first offset " + in.offset(0) + " pieces of " + pieceBytes;
                                FsstCodec codec = new FsstCodec(kernels, pieceBytes);
                                FsstCodec.Compressed pieced = PieceWork.withHelpers(pool, () -> codec.compress(in, arena));
                                assertEquals(whole.table(), pieced.table(), what);
                                if (!whole.table().compressed()) {
                                    assertSame(in, pieced.values(), what);
                                    continue;
                                }
                                assertEquals(0, pieced.values().offset(0), what);
                                assertArrayEquals(offsetBytes(whole.values()), offsetBytes(pieced.values()), what);
                                assertArrayEquals(bytes(whole.values()), bytes(pieced.values()), what);
                            }
                        }
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void randomBytesTurnTheSwitchOff() {
        List<byte[]> random = randomValues(9, 2000, 5, 80);
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            VariableWidthBlock in = FsstCorpus.block(random, 32, arena);
            FsstCodec.Compressed c = VECTOR.compress(in, arena);
            assertFalse(c.table().compressed());
            assertEquals(FsstSymbolTable.PASS_THROUGH, c.table());
            assertSame(in, c.values());
        }
        assertRoundTrip("random", random, 32);
    }

    @Test
    void miniBlockChunksHoldTheCompressedValues() {
        List<byte[]> strings = new FsstCorpus(4).stringsOfSize(FsstCorpus.Kind.URLS, 200_000);
        for (int bits : new int[] {32, 64}) {
            try (OffHeapArena arena = OffHeapArena.open("test")) {
                VariableWidthBlock in = FsstCorpus.block(strings, bits, arena);
                MiniBlockCompressed mb = VECTOR.compressMiniBlock(in, arena);
                CompressiveEncoding e = mb.encoding();
                assertTrue(e.hasFsst());
                assertEquals(bits, e.getFsst().getValues().getVariable().getOffsets().getFlat().getBitsPerValue());
                FsstSymbolTable table = FsstSymbolTable.parse(e.getFsst().getSymbolTable().toByteArray());
                assertTrue(table.compressed());
                FsstDecoder decoder = new FsstDecoder(table);
                assertEquals(strings.size(), mb.numValues());
                assertTrue(mb.chunks().size() > 10);
                // each chunk: (n+1) offsets into the chunk buffer, then the codes (NOTES §7.2)
                MemorySegment buffer = mb.buffers().getFirst();
                int w = bits / 8;
                long chunkStart = 0;
                long valuesBefore = 0;
                for (int c = 0; c < mb.chunks().size(); c++) {
                    MiniBlockChunk chunk = mb.chunks().get(c);
                    long n = mb.chunkValues(c, valuesBefore);
                    assertTrue(chunk.bufferSize(0) <= 8192, "chunk " + c + " is " + chunk.bufferSize(0) + " bytes");
                    MemorySegment buf = buffer.asSlice(chunkStart, chunk.bufferSize(0));
                    for (long i = 0; i < n; i++) {
                        long s = ScalarFsstKernels.offset(buf, w, i);
                        long end = ScalarFsstKernels.offset(buf, w, i + 1);
                        byte[] codes = buf.asSlice(s, end - s).toArray(ValueLayout.JAVA_BYTE);
                        assertArrayEquals(strings.get((int) (valuesBefore + i)), decoder.decode(codes),
                                "chunk " + c + " value " + i);
                    }
                    valuesBefore += n;
                    chunkStart += chunk.bufferSize(0);
                }
                assertEquals(strings.size(), valuesBefore);
                assertEquals(buffer.byteSize(), chunkStart);
            }
        }
    }

    @Test
    void perValueKeepsEveryValueAddressable() {
        List<byte[]> strings = new FsstCorpus(6).stringsOfSize(FsstCorpus.Kind.ENGLISH, 100_000);
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            VariableWidthBlock in = FsstCorpus.block(strings, 32, arena);
            PerValueCompressed pv = VECTOR.compressPerValue(in, arena);
            PerValueCompressed.Variable v = (PerValueCompressed.Variable) pv;
            assertTrue(pv.encoding().hasFsst());
            assertEquals(32, pv.encoding().getFsst().getValues().getVariable().getOffsets().getFlat().getBitsPerValue());
            FsstDecoder decoder = FsstDecoder.of(pv.encoding().getFsst().getSymbolTable().toByteArray());
            for (int i = 0; i < strings.size(); i++) {
                assertArrayEquals(strings.get(i), decoder.decode(value(v.data(), i)));
            }
        }
    }

    @Test
    void rejectsFixedWidthValues() {
        try (OffHeapArena arena = OffHeapArena.open("test")) {
            FixedWidthBlock f = new FixedWidthBlock(new LanceBuffer(arena.allocate(8)), 32, 2);
            assertThrows(IllegalArgumentException.class, () -> VECTOR.compressMiniBlock(f, arena));
            assertThrows(IllegalArgumentException.class, () -> VECTOR.compressPerValue(f, arena));
        }
    }
}
